#!/usr/bin/env python3
"""Writes ACK-shaped kubeconfig fixtures with real certificates, for bench/run.

Each context has its own cluster (with its own CA in certificate-authority-data), its own user and its own
client certificate, signed by that CA, with the subject ACK issues: CN `<account uid>-<unix time of issue>`,
O `system:users`. Everything is inline base64 (`*-data`), as in a kubeconfig copied from the ACK console.
Keys are ECDSA P-256. current-context is the first context, so every tool in the comparison looks at the same
certificate (the FAQ's grep pipeline can only ever see the first one).

Usage: gen_kubeconfig.py CONTEXTS OUT_FILE [--seed N]
"""

import argparse
import base64
import datetime as dt
import random
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DAY = dt.timedelta(days=1)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def name(cn: str, org: str | None = None) -> x509.Name:
    attrs = []
    if org is not None:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def ca_certificate(cluster_id: str, now: dt.datetime):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = name(f"kubernetes-{cluster_id}", "c" + cluster_id[:8])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - 400 * DAY)
        .not_valid_after(now + 3650 * DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def client_certificate(ca_key, ca_cert, uid: str, issued: dt.datetime, lifetime: dt.timedelta):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name(f"{uid}-{int(issued.timestamp())}", "system:users"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(issued)
        .not_valid_after(issued + lifetime)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def pem_cert(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("contexts", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    clusters, users, contexts = [], [], []
    for i in range(args.contexts):
        cluster_id = "c" + "".join(rng.choice("0123456789abcdef") for _ in range(32))
        uid = str(2728999900000000 + rng.randrange(10**6))
        if i == 0 or rng.random() < 0.7:
            # Long-term kubeconfig: three years, issued some time in the last three years.
            lifetime = 3 * 365 * DAY
            issued = now - dt.timedelta(seconds=rng.randrange(0, 3 * 365 * 86400))
        else:
            # Temporary kubeconfig: 30 minutes to 3 days; some already expired.
            lifetime = dt.timedelta(minutes=rng.randrange(30, 3 * 24 * 60))
            issued = now - dt.timedelta(minutes=rng.randrange(0, 4 * 24 * 60))
        ca_key, ca_cert = ca_certificate(cluster_id, now)
        key, cert = client_certificate(ca_key, ca_cert, uid, issued, lifetime)
        ip = f"47.{96 + i // 65536 % 64}.{i // 256 % 256}.{i % 256}"
        user_name = f"{uid}-{cluster_id}"
        context_name = f"{uid}-{cluster_id}"
        clusters.append(
            f"- cluster:\n"
            f"    server: https://{ip}:6443\n"
            f"    certificate-authority-data: {b64(pem_cert(ca_cert))}\n"
            f"  name: {cluster_id}\n"
        )
        users.append(
            f"- name: \"{user_name}\"\n"
            f"  user:\n"
            f"    client-certificate-data: {b64(pem_cert(cert))}\n"
            f"    client-key-data: {b64(pem_key(key))}\n"
        )
        contexts.append(
            f"- context:\n"
            f"    cluster: {cluster_id}\n"
            f"    user: \"{user_name}\"\n"
            f"  name: \"{context_name}\"\n"
        )
        if i == 0:
            current = context_name

    with open(args.out, "w", encoding="ascii") as out:
        out.write("apiVersion: v1\nclusters:\n")
        out.writelines(clusters)
        out.write("contexts:\n")
        out.writelines(contexts)
        out.write(f"current-context: \"{current}\"\nkind: Config\npreferences: {{}}\nusers:\n")
        out.writelines(users)
    return 0


if __name__ == "__main__":
    sys.exit(main())
