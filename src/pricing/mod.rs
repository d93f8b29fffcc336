//! The pricing lab: a price swept across a range with the demand it implies
//! carried through the whole ladder ([`sweep`]), and goal seek under
//! uncertainty ([`seek`]): the value of one field at which profit reaches a
//! target by a day with a given chance.
//!
//! Both are many runs of one scenario on common random numbers: the same
//! trials from the same seed, every input and event drawn from a stream keyed
//! by what it belongs to, so the runs differ only by what is varied. The
//! runs are independent of each other, so the app may spread them over its
//! workers; the native CLI runs them one after the other.

pub mod job;
pub mod seek;
pub mod sweep;

pub use seek::{
    can_seek, chance_at, seek, Direction, Goal, SeekAnswer, SeekError, DEFAULT_SEEK_TRIALS,
};
pub use sweep::{
    apply_price, grid, target_name, target_named, Best, Sweep, SweepError, SweepPoint, SweepReport,
    DEFAULT_STEPS, DEFAULT_SWEEP_TRIALS, NOISE_SE,
};
