// Connects with node-postgres (pg 8) to DATABASE_URL alone and prints whether the session uses TLS.
'use strict';
const { Client } = require('pg');

async function main() {
  const client = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 10000 });
  await client.connect();
  try {
    const res = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    console.log(String(res.rows[0].ssl));
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  console.error(`node-postgres: ${e.message}`);
  process.exit(1);
});
