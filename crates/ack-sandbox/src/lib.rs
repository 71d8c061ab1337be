//! The ACK sandbox (being built: issue 3).
