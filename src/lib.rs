//! kubectl-ack library.
