//! The compact binary form of a chunk's trials ([`Batch`]) as a simulation
//! worker hands it to the summariser: postcard (serde, little-endian floats,
//! varint counts), a few times smaller and faster to read than JSON text.

use crate::stats::Batch;

/// A batch as bytes.
pub fn encode_batch(batch: &Batch) -> Vec<u8> {
    // Encoding plain vectors, maps and numbers into memory cannot fail.
    postcard::to_allocvec(batch).unwrap_or_default()
}

/// A batch from [`encode_batch`]'s bytes.
pub fn decode_batch(bytes: &[u8]) -> Result<Batch, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("unreadable trials from a worker: {e}"))
}
