#!/usr/bin/env bash
# Builds the DatabaseCaLayer of template.yaml: the CAs the functions trust for sslmode=verify-full.
# Run before `sam build` (the deploy workflow does); the certificates are fetched, never kept in git.
#   - Amazon Root CA 1-4 (Amazon Trust Services): the RDS Proxy's certificate is issued by ACM and
#     chains to them; the functions connect through the proxy.
#   - the RDS global bundle: every region's RDS CAs, for a connection straight to the instance.
# Prints each certificate's subject, expiry and SHA-256 fingerprint, for the deploy log.
set -euo pipefail
cd "$(dirname "$0")"

sources=(
  https://www.amazontrust.com/repository/AmazonRootCA1.pem
  https://www.amazontrust.com/repository/AmazonRootCA2.pem
  https://www.amazontrust.com/repository/AmazonRootCA3.pem
  https://www.amazontrust.com/repository/AmazonRootCA4.pem
  https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for url in "${sources[@]}"; do
  file="$work/$(basename "$url")"
  curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 3 -o "$file" "$url"
  # every file must hold at least one certificate that parses, and nothing else
  count=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$file" || true)
  if [ "$count" -lt 1 ] || ! openssl crl2pkcs7 -nocrl -certfile "$file" | openssl pkcs7 -noout; then
    echo "fetch.sh: $url holds no PEM certificate" >&2
    exit 1
  fi
  if tr -d '\r' < "$file" | grep -v -e '^-----BEGIN CERTIFICATE-----$' -e '^-----END CERTIFICATE-----$' -e '^[A-Za-z0-9+/=]*$' | grep -q .; then
    echo "fetch.sh: $url holds something other than PEM certificates" >&2
    exit 1
  fi
  echo "$url: $count certificate(s)"
done

mkdir -p layer/database-ca
cat "$work"/AmazonRootCA1.pem "$work"/AmazonRootCA2.pem "$work"/AmazonRootCA3.pem "$work"/AmazonRootCA4.pem \
    "$work"/global-bundle.pem > layer/database-ca/bundle.pem.tmp
mv layer/database-ca/bundle.pem.tmp layer/database-ca/bundle.pem

# one line per certificate of the bundle
awk '/-----BEGIN CERTIFICATE-----/{n++} {print > ("'"$work"'/cert-" n ".pem")}' layer/database-ca/bundle.pem
for cert in "$work"/cert-*.pem; do
  openssl x509 -in "$cert" -noout -subject -enddate -fingerprint -sha256 | paste -sd' ' -
done
echo "wrote $(pwd)/layer/database-ca/bundle.pem ($(grep -c -- '-----BEGIN CERTIFICATE-----' layer/database-ca/bundle.pem) certificates)"
