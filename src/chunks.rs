//! Running a plan's trials in chunks, in three separate steps:
//!
//! 1. cutting a run into chunks ([`Chunking`]): ranges of trials, none straddling
//!    the end of the quick preview;
//! 2. running one chunk: [`Batch::run`] runs trials `a .. b` and hands back a
//!    [`Batch`], whoever calls it and in whatever order;
//! 3. merging chunks in trial order ([`Merged`]).
//!
//! [`drive`] is the one loop that does all three, one chunk after another, and
//! reports after each chunk; the worker ([`crate::protocol::execute`]) and
//! [`run_chunked`] both use it. Since a trial depends only on its index, any
//! chunking gives the same summary, bit for bit.

use crate::engine::Plan;
use crate::stats::{Batch, Summary};
use std::ops::{ControlFlow, Range};

/// How a run of `total` trials is cut into chunks of at most `size` trials.
///
/// When the run has a quick preview (its first `preview` trials, summarised
/// before the rest), no chunk straddles the end of the preview, so the preview
/// is ready exactly when a chunk ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunking {
    total: u64,
    size: u64,
    preview: u64,
}

impl Chunking {
    /// Chunks of `size` trials (at least 1) for a run of `total` trials, with a
    /// preview of the first `preview` trials. A preview of 0 trials, or of the
    /// whole run or more, means no preview.
    pub fn new(total: u64, size: u64, preview: u64) -> Chunking {
        Chunking {
            total,
            size: size.max(1),
            preview: if preview < total { preview } else { 0 },
        }
    }

    /// Trials in the run.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Trials of the preview, if the run has one.
    pub fn preview(&self) -> Option<u64> {
        (self.preview > 0).then_some(self.preview)
    }

    /// The chunks, in trial order: consecutive ranges that cover `0 .. total`.
    pub fn ranges(&self) -> impl Iterator<Item = Range<u64>> {
        let Chunking {
            total,
            size,
            preview,
        } = *self;
        let mut first = 0;
        std::iter::from_fn(move || {
            if first >= total {
                return None;
            }
            let limit = if first < preview { preview } else { total };
            let end = limit.min(first.saturating_add(size));
            let range = first..end;
            first = end;
            Some(range)
        })
    }
}

/// Chunks merged in trial order into one [`Batch`]: the first trials of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    batch: Option<Batch>,
    reserve: u64,
}

impl Merged {
    /// Nothing merged yet.
    pub fn new() -> Merged {
        Merged::default()
    }

    /// Appends the chunk that follows the trials merged so far (the first chunk
    /// must start at trial 0). Fails, changing nothing, for any other chunk or a
    /// chunk of another scenario.
    pub fn add(&mut self, chunk: Batch) -> Result<(), String> {
        match &mut self.batch {
            Some(all) => all.append(chunk),
            None if chunk.first_trial == 0 => {
                let mut chunk = chunk;
                chunk.reserve(self.reserve);
                self.batch = Some(chunk);
                Ok(())
            }
            None => Err(format!(
                "batches must be merged in order: expected trial 0, got {}",
                chunk.first_trial
            )),
        }
    }

    /// Makes room for `trials` trials in all (see [`Batch::reserve`]); takes
    /// effect once the first chunk is merged.
    pub fn reserve(&mut self, trials: u64) {
        self.reserve = self.reserve.max(trials);
        if let Some(b) = &mut self.batch {
            b.reserve(self.reserve);
        }
    }

    /// Trials merged so far.
    pub fn trials(&self) -> u64 {
        self.batch.as_ref().map_or(0, |b| b.trials)
    }

    /// The trials merged so far (`None` before the first chunk).
    pub fn batch(&self) -> Option<&Batch> {
        self.batch.as_ref()
    }

    /// The merged trials as one batch (`None` before the first chunk).
    pub fn into_batch(self) -> Option<Batch> {
        self.batch
    }
}

/// What [`drive`] reports after each chunk.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// Trials finished so far.
    pub done: u64,
    /// Trials in the run.
    pub total: u64,
    /// The preview's trials, merged: given once, after the chunk that ends the
    /// preview (never when the run has no preview).
    pub preview: Option<&'a Batch>,
}

/// Runs the chunks of `chunking` of `plan` one after another and merges them,
/// calling `after_chunk` after each. Returns every trial as one batch, or
/// `Ok(None)` when `after_chunk` stopped the run (with
/// [`ControlFlow::Break`]). Fails only if a chunk cannot be merged, which the
/// chunks of one plan, run in order, never are.
pub fn drive(
    plan: &Plan,
    chunking: &Chunking,
    mut after_chunk: impl FnMut(Progress<'_>) -> ControlFlow<()>,
) -> Result<Option<Batch>, String> {
    let mut merged = Merged::new();
    for range in chunking.ranges() {
        merged.add(Batch::run(plan, range.start, range.end - range.start))?;
        let done = merged.trials();
        let progress = Progress {
            done,
            total: chunking.total(),
            preview: merged.batch().filter(|_| chunking.preview() == Some(done)),
        };
        if after_chunk(progress).is_break() {
            return Ok(None);
        }
    }
    Ok(merged.into_batch())
}

/// Runs every trial of `plan` in chunks of `chunk` trials, calling `progress(done,
/// total)` after each; it stops early and returns `Ok(None)` when `progress`
/// returns false. The summary is identical to [`crate::stats::run`]'s.
pub fn run_chunked(
    plan: &Plan,
    chunk: u64,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> Result<Option<Summary>, String> {
    let chunking = Chunking::new(plan.options().trials, chunk, 0);
    let batch = drive(plan, &chunking, |p| {
        if progress(p.done, p.total) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })?;
    Ok(batch.map(|b| Summary::from_batch(plan, &b)))
}
