// pgx: connects with pgx v5 (github.com/jackc/pgx/v5) from DATABASE_URL alone, the way a Go app
// using pgx does (pgx.Connect parses libpq's sslmode and sslrootcert), and prints
// `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
)

// fatal prints the TLS verification error first when there is one (pgx wraps it deep in its
// connect error), then err.
func fatal(err error) {
	var verify *tls.CertificateVerificationError
	if errors.As(err, &verify) {
		fmt.Fprintf(os.Stderr, "pgx: %v (%v)\n", verify.Err, err)
	} else {
		fmt.Fprintf(os.Stderr, "pgx: %v\n", err)
	}
	os.Exit(1)
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		fatal(err)
	}
	defer conn.Close(ctx)
	var ssl bool
	if err := conn.QueryRow(ctx, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl); err != nil {
		fatal(err)
	}
	fmt.Println(ssl)
}
