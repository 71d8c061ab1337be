//! ACK OpenAPI client and credential chain (being built: issue 4).
