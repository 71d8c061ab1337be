//! Robustness (issue 7): a fuzz-style test without new tools. A seeded xorshift mutator turns
//! tests/fixtures/rich-kubeconfig.yaml into ~300 mutants (byte flips, truncations, duplicated and
//! removed lines, swapped indentation, inserted YAML punctuation) and runs the library on each:
//! `Document::parse`, a write-and-reparse of what parses, and `cert::inspect` on mutated base64
//! of a real certificate. Nothing may panic (`catch_unwind`); errors are fine.
//!
//! The cargo-fuzz targets' own checks (`kubectl_ack::fuzzing`) run here too, on their seed inputs
//! (fuzz/seeds), on every input a fuzzing run once failed on (fuzz/regressions), and on mutants of
//! those: the coverage-guided runs are long and occasional, this keeps the targets honest in between.
//!
//! `KUBECTL_ACK_LONG_TESTS=1` runs 20,000 mutants of each kind instead of 300.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use base64::Engine as _;
use common::*;
use kubectl_ack::kubeconfig::{Document, Section};
use kubectl_ack::{cert, fuzzing};

const RICH: &str = include_str!("fixtures/rich-kubeconfig.yaml");
const SEED: u64 = 0x5eed_cafe_f00d_0007;

fn count() -> usize {
    if std::env::var_os("KUBECTL_ACK_LONG_TESTS").is_some_and(|value| value == "1") { 20_000 } else { 300 }
}

/// One to four mutations of `input`.
fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        if bytes.is_empty() {
            break;
        }
        match rng.below(7) {
            0 => {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            1 => bytes.truncate(rng.below(bytes.len())),
            2..=4 => {
                let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let at = rng.below(lines.len());
                match rng.below(3) {
                    0 => {
                        let line = lines[at].clone();
                        lines.insert(at, line);
                    }
                    1 => {
                        lines.remove(at);
                    }
                    _ => {
                        // Swap the indentation of two lines.
                        let other = rng.below(lines.len());
                        let indent = |line: &[u8]| line.iter().take_while(|&&b| b == b' ').count();
                        let (a, b) = (indent(&lines[at]), indent(&lines[other]));
                        let body_a = lines[at][a..].to_vec();
                        let body_b = lines[other][b..].to_vec();
                        lines[at] = [vec![b' '; b], body_a].concat();
                        lines[other] = [vec![b' '; a], body_b].concat();
                    }
                }
                bytes = lines.join(&b'\n');
            }
            5 => {
                let at = rng.below(bytes.len());
                let tokens: [&[u8]; 10] = [b"- ", b": ", b"[", b"{", b"&a ", b"*a", b"\"", b"'", b"\t", b"!!binary "];
                let token = tokens[rng.below(tokens.len())];
                bytes.splice(at..at, token.iter().copied());
            }
            _ => {
                let at = rng.below(bytes.len());
                let len = rng.below(64).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
        }
    }
    bytes
}

/// Parses, reads every section, and writes and re-reads what parsed.
fn exercise_document(text: &str) -> Result<(), String> {
    let document = Document::parse(text).map_err(|error| error.to_string())?;
    for section in [Section::Clusters, Section::Users, Section::Contexts] {
        for (name, _) in document.entries(section) {
            let _ = document.entry(section, name);
        }
    }
    let _ = document.current_context();
    let written = document.to_yaml().map_err(|error| format!("cannot write back: {error}"))?;
    let again = Document::parse(&written).map_err(|error| format!("written document does not parse: {error}"))?;
    assert_eq!(again, document, "write and re-read changed the document:\n{written}");
    Ok(())
}

#[test]
fn mutated_kubeconfigs_never_panic_the_document_model() {
    let mut rng = Rng(SEED);
    let (mut parsed, mut refused, mut not_utf8) = (0, 0, 0);
    for index in 0..count() {
        let mutant = mutate(RICH.as_bytes(), &mut rng);
        let Ok(text) = String::from_utf8(mutant.clone()) else {
            not_utf8 += 1; // the loader refuses these before parsing; parse the lossy text anyway
            let lossy = String::from_utf8_lossy(&mutant).into_owned();
            let outcome = catch_unwind(AssertUnwindSafe(|| exercise_document(&lossy)));
            assert!(outcome.is_ok(), "mutant {index} (seed {SEED:#x}) panicked:\n{lossy}");
            continue;
        };
        match catch_unwind(AssertUnwindSafe(|| exercise_document(&text))) {
            Ok(Ok(())) => parsed += 1,
            Ok(Err(_)) => refused += 1,
            Err(_) => panic!("mutant {index} (seed {SEED:#x}) panicked:\n{text}"),
        }
    }
    eprintln!("{} kubeconfig mutants: {parsed} parsed, {refused} refused, {not_utf8} not UTF-8", count());
    assert!(parsed > 0 && refused > 0, "the mutator is too weak or too strong");
}

#[test]
fn mutated_certificates_never_panic_the_inspector() {
    let ca = TestCa::new("fuzz-ca");
    let client = ca.ack_client(time::Duration::days(30));
    let pem = client.cert_pem.as_bytes().to_vec();
    let der = {
        let body: String = client.cert_pem.lines().filter(|line| !line.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD.decode(body).unwrap()
    };
    let field = b64(&client.cert_pem);
    let mut rng = Rng(SEED ^ 0xce27);
    let (mut read, mut refused) = (0, 0);
    for index in 0..count() {
        // A third each: mutated base64 of the field, mutated PEM text, mutated DER.
        let bytes = match index % 3 {
            0 => {
                let mutant = mutate(field.as_bytes(), &mut rng);
                match cert::decode_base64_field(&String::from_utf8_lossy(&mutant)) {
                    Ok(bytes) => bytes,
                    Err(_) => {
                        refused += 1;
                        continue;
                    }
                }
            }
            1 => mutate(&pem, &mut rng),
            _ => mutate(&der, &mut rng),
        };
        match catch_unwind(AssertUnwindSafe(|| cert::inspect(&bytes).map(|facts| (facts.is_long_term(), facts)))) {
            Ok(Ok(_)) => read += 1,
            Ok(Err(_)) => refused += 1,
            Err(_) => panic!("certificate mutant {index} (seed {SEED:#x}) panicked: {:?}", bytes),
        }
    }
    eprintln!("{} certificate mutants: {read} read, {refused} refused", count());
    assert!(read > 0 && refused > 0, "the mutator is too weak or too strong");
}

/// A cargo-fuzz target's body: bytes in, a panic when a property does not hold.
type FuzzTarget = fn(&[u8]);

/// The files of a fuzz input directory, by name (none when it does not exist).
fn fuzz_inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut inputs: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn the_fuzz_targets_hold_on_their_seeds_past_failures_and_mutants() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let targets: [(&str, FuzzTarget); 3] = [
        ("kubeconfig_document", fuzzing::kubeconfig_document),
        ("certificate", fuzzing::certificate),
        ("ack_answer", fuzzing::ack_answer),
    ];
    for (index, (name, target)) in targets.into_iter().enumerate() {
        let seeds = fuzz_inputs(&fuzz.join("seeds").join(name));
        assert!(!seeds.is_empty(), "fuzz/seeds/{name} is empty");
        let regressions = fuzz_inputs(&fuzz.join("regressions").join(name));
        for (file, input) in seeds.iter().chain(&regressions) {
            let outcome = catch_unwind(AssertUnwindSafe(|| target(input)));
            assert!(outcome.is_ok(), "{name} fails on {file}");
        }
        let seed = SEED ^ (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut rng = Rng(seed);
        for round in 0..count() {
            let (file, input) = &seeds[rng.below(seeds.len())];
            let mutant = mutate(input, &mut rng);
            let outcome = catch_unwind(AssertUnwindSafe(|| target(&mutant)));
            assert!(
                outcome.is_ok(),
                "{name} fails on mutant {round} of {file} (seed {seed:#x}): {:?}",
                String::from_utf8_lossy(&mutant)
            );
        }
        eprintln!(
            "fuzz target {name}: {} seeds, {} past failures and {} mutants hold",
            seeds.len(),
            regressions.len(),
            count()
        );
    }
}
