//! Stratified levels of the uncertain inputs: randomised quasi-Monte Carlo, one
//! dimension per field.
//!
//! Each uncertain field is drawn as its inverse CDF at a level in (0, 1)
//! (`engine::params`). With independent uniform levels, the first 1,024 trials
//! leave some tenths of a field's range with 80 draws and others with 120; most
//! of the spread of a run's median profit between seeds comes from such chance
//! crowding of the inputs. Here a field's levels are a scrambled van der Corput
//! sequence over the trials, so that every aligned block of 2ᵐ trials (the first
//! 1,024, trials 1,024 to 2,047, …) puts exactly one level in each of the 2ᵐ
//! equal slices of (0, 1), for every m up to 32.
//!
//! - **One dimension per field, padded by shuffling** (as in Burley,
//!   "Practical Hash-based Owen Scrambling", JCGT 2020): every field uses the
//!   first dimension of the Sobol sequence (van der Corput's) at an index of
//!   its own, the trial's number under a random nested (Owen) permutation
//!   seeded by a hash of the run's seed and the field's [`StreamKey`]. So fields
//!   stay independent of each other (a copula ties them as before), a field
//!   keeps its levels when other fields are added or removed (the common random
//!   numbers that comparisons and sweeps rely on), and any number of fields is
//!   served.
//! - **Exact marginals.** Over the permutations (that is, over seeds) every
//!   level is uniform on (0, 1), so each trial's input is drawn from exactly the
//!   distribution entered.
//! - **Determinism, chunks and prefixes.** A level depends only on the seed,
//!   the trial's number and the key: any chunking gives the same trials, and a
//!   preview is a prefix of the full run.
//! - **Resolution.** The sequence gives the top 32 bits; the last 21 of the 53
//!   come from the trial's own stream of that key. Trials from 2³² on (more than
//!   any run can hold) take plain uniform levels.
//!
//! The permutation flips each bit of the index by a hash of the bits above it:
//! a true Owen scrambling (32 hashes a field and trial, about 1% of the
//! cheapest preset's trial), rather than Laine and Karras's one-multiply
//! approximation, so that every property above holds by construction.
//!
//! **What padding costs.** Within one run, the two trials of each aligned pair
//! lie in opposite halves of every field's range, so for two fields they lean
//! the same way (both high-high and low-low, or both high-low and low-high),
//! and likewise for larger blocks. Products of two inputs' effects are then
//! estimated a little less precisely than with independent levels: the
//! variance of the sample correlation of two fields' levels is 1.28 / n
//! instead of 1 / n (measured over 400 seeds). The main effects, which
//! carry most of a result's spread, gain far more (`benches/strata.rs`).
//! No crate offers this for more than 2¹⁶ trials and with doubles:
//! `sobol_burley` stops at 2¹⁶ samples and returns `f32`.

use super::{keyed_state, StreamKey, TrialRng};

/// A well-mixed 64-bit hash of `x` (the finaliser of SplitMix64).
#[inline]
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The 32-bit stratified point of trial `index` for the permutation `seed`, as
/// the top bits of a fraction: every aligned block of 2ᵐ indices gives one
/// point in each of the 2ᵐ slices `[j·2³²⁻ᵐ, (j + 1)·2³²⁻ᵐ)`.
#[inline]
pub fn stratified_bits(index: u32, seed: u64) -> u32 {
    // Bit k of the index flips by a hash of the bits above it: an aligned block
    // of 2ᵐ indices (the same bits from m up) maps onto one, and within it
    // every level of the binary tree is permuted at random.
    let index = u64::from(index);
    let mut shuffled = 0u32;
    for k in 0..32 {
        let node = ((index >> k >> 1) << 5) | k;
        let flip = (mix(seed ^ node.wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 63) as u32;
        shuffled |= (((index >> k) as u32 & 1) ^ flip) << k;
    }
    // Van der Corput: the index's bits reversed, its lowest bit the top one.
    shuffled.reverse_bits()
}

/// The seed of the permutation of the trials of the input keyed `key` in runs
/// from `seed` (the same in every trial: a plan computes it once).
pub fn permutation_seed(seed: u64, key: StreamKey) -> u64 {
    keyed_state(seed, 0, key.with("strata")).0
}

/// The level in (0, 1) of the uncertain input keyed `key` in trial `trial` of a
/// run from `seed`, whose permutation seed is `permutation`
/// ([`permutation_seed`]; see the module's text).
pub fn level_in_permutation(permutation: u64, seed: u64, trial: u64, key: StreamKey) -> f64 {
    let mut own = TrialRng::for_key(seed, trial, key);
    let Ok(index) = u32::try_from(trial) else {
        return own.uniform_open();
    };
    let top = stratified_bits(index, permutation);
    // 32 stratified bits, 21 random ones, the last set: in (0, 1), never 0 or 1.
    let bits = (u64::from(top) << 21) | (own.next_u64() >> 43) | 1;
    bits as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The level in (0, 1) of the uncertain input keyed `key` in trial `trial` of a
/// run from `seed`: [`level_in_permutation`] at its [`permutation_seed`].
pub fn input_level(seed: u64, trial: u64, key: StreamKey) -> f64 {
    level_in_permutation(permutation_seed(seed, key), seed, trial, key)
}
