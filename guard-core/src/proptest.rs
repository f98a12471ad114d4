//! Property tests (stub, filled by the proptest work).
