#![no_main]
// The properties are checked in kubectl_ack::fuzzing::kubeconfig_document.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kubectl_ack::fuzzing::kubeconfig_document(data));
