// node mysql2 from DATABASE_URL plus the README's one line: the URL without its query (mysql2
// warns about Rails' sslca and ssl_mode, and takes no CA path) and ssl.verifyIdentity, so that
// Node's roots plus NODE_EXTRA_CA_CERTS (the RDS set the buildpack exports) verify the chain
// and the host name. Prints the session's Ssl_cipher.
'use strict';
const mysql = require('mysql2/promise');

async function main() {
  // The README's line:
  const conn = await mysql.createConnection({ uri: process.env.DATABASE_URL.split('?')[0], ssl: { verifyIdentity: true }, connectTimeout: 10000 });
  try {
    const [rows] = await conn.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    console.log(rows[0].Value);
  } finally {
    await conn.end();
  }
}

main().catch((e) => {
  console.error(`mysql2: ${e.message}`);
  process.exit(1);
});
