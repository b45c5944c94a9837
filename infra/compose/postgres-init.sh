#!/bin/sh
# docker-compose: one user and one database per service that owns data, created on the first
# start of the postgres container (an empty volume). Each password comes from the container's
# environment (<SERVICE>_DB_PASSWORD, from the .env that `node infra/secrets.mjs compose`
# writes); none is committed. Changing a password later: ALTER USER, or a new volume.
set -eu
for service in auth tickets orders payments notifications; do
  variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "$variable" || true)"
  if [ -z "$password" ]; then
    echo "postgres-init: $variable is not set (run node infra/secrets.mjs compose)" >&2
    exit 1
  fi
  # psql variables quote the password as a literal (:'password').
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$password" <<SQL
create user $service with password :'password';
create database $service owner $service;
SQL
done
