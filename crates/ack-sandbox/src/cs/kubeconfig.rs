//! The kubeconfig YAML DescribeClusterUserKubeconfig returns, laid out as ACK lays it out: cluster
//! `kubernetes`, user `<uid>`, context `<uid>-<clusterId>`, current-context set.

use base64::Engine as _;

pub(crate) struct KubeconfigParts<'a> {
    pub server: &'a str,
    pub ca_pem: &'a str,
    pub uid: &'a str,
    pub cluster_id: &'a str,
    pub client_cert_pem: &'a str,
    pub client_key_pem: &'a str,
}

pub(crate) fn render(parts: &KubeconfigParts<'_>) -> String {
    let encode = |pem: &str| base64::engine::general_purpose::STANDARD.encode(pem);
    let context = format!("{}-{}", parts.uid, parts.cluster_id);
    // The uid is all digits: quoted, or YAML would read it as a number.
    format!(
        "apiVersion: v1\n\
         clusters:\n\
         - cluster:\n    server: {server}\n    certificate-authority-data: {ca}\n  name: kubernetes\n\
         contexts:\n\
         - context:\n    cluster: kubernetes\n    user: \"{uid}\"\n  name: {context}\n\
         current-context: {context}\n\
         kind: Config\n\
         preferences: {{}}\n\
         users:\n\
         - name: \"{uid}\"\n  user:\n    client-certificate-data: {cert}\n    client-key-data: {key}\n",
        server = parts.server,
        ca = encode(parts.ca_pem),
        uid = parts.uid,
        context = context,
        cert = encode(parts.client_cert_pem),
        key = encode(parts.client_key_pem),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_acks_names_and_quoted_uid() {
        let yaml = render(&KubeconfigParts {
            server: "https://127.0.0.1:6443",
            ca_pem: "CA",
            uid: "272899990000001",
            cluster_id: "c0123",
            client_cert_pem: "CERT",
            client_key_pem: "KEY",
        });
        assert!(yaml.contains("  name: kubernetes\n"));
        assert!(yaml.contains("current-context: 272899990000001-c0123\n"));
        assert!(yaml.contains("- name: \"272899990000001\"\n"));
        assert!(yaml.contains("certificate-authority-data: Q0E=\n"));
        assert!(yaml.contains("preferences: {}\n"));
    }
}
