#![no_main]
// The properties are checked in kubectl_ack::fuzzing::certificate.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kubectl_ack::fuzzing::certificate(data));
