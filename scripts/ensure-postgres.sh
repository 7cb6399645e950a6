#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs (initdb, pg_ctl, postgres, psql) are
# installed for the tests of PostgreSQL stores, which start a throwaway
# cluster of their own (test/pg/pgCluster.ts). Installs Debian's `postgresql`
# with apt-get when run as root, without the `main` cluster the package would
# otherwise create and start: nothing listens until a test starts its own.
set -euo pipefail
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-postgres: PostgreSQL's server programs are missing; install Debian's postgresql (sudo apt-get install postgresql)" >&2
  exit 1
fi
echo "ensure-postgres: installing Debian's postgresql with apt-get" >&2
mkdir -p /etc/postgresql-common
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql >/dev/null
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
