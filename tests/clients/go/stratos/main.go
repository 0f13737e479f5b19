// stratos.go: connects to PostgreSQL the way Stratos's backend (jetstream) does on Cloud Foundry
// (BRIEF section 4), then prints `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.
//   - the service: from VCAP_SERVICES, a credentials.uri starting with postgres:// or the tag
//     "postgresql"; with several, the one tagged "stratos";
//   - discrete credentials username, password, hostname, port (string or number), dbname; when
//     one is missing, a regex over uri (no percent-decoding, a ?query stays in the database name);
//   - sslmode only from DB_SSL_MODE (default disable), one of lib/pq's four or fatal;
//   - a key=value DSN with no sslrootcert: the CA comes from PGSSLROOTCERT or Go's system pool
//     (SSL_CERT_FILE / SSL_CERT_DIR), exactly what the buildpack must provide.
//
// Written for the tests (not Stratos's code); the driver's version is pinned by ../go.mod.
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	_ "github.com/lib/pq"
)

type service struct {
	Name        string                 `json:"name"`
	Tags        []string               `json:"tags"`
	Credentials map[string]interface{} `json:"credentials"`
}

type config struct {
	user, password, host, database string
	port                           int
}

func fatal(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "stratos: "+format+"\n", args...)
	os.Exit(1)
}

func hasTag(s service, tag string) bool {
	for _, t := range s.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

func isPostgres(s service) bool {
	uri := fmt.Sprintf("%v", s.Credentials["uri"])
	return strings.HasPrefix(uri, "postgres://") || hasTag(s, "postgresql")
}

func pickService() service {
	var all map[string][]service
	if err := json.Unmarshal([]byte(os.Getenv("VCAP_SERVICES")), &all); err != nil {
		fatal("VCAP_SERVICES is not JSON: %v", err)
	}
	var found []service
	for _, list := range all {
		for _, s := range list {
			if isPostgres(s) {
				found = append(found, s)
			}
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	for _, s := range found {
		if hasTag(s, "stratos") {
			return s
		}
	}
	fatal("no single PostgreSQL service in VCAP_SERVICES (%d found, none tagged stratos)", len(found))
	return service{}
}

func fromCredentials(c map[string]interface{}) (config, bool) {
	str := func(k string) string {
		if v, ok := c[k]; ok && v != nil {
			return fmt.Sprintf("%v", v)
		}
		return ""
	}
	port, _ := strconv.Atoi(str("port"))
	cfg := config{str("username"), str("password"), str("hostname"), str("dbname"), port}
	return cfg, cfg.user != "" && cfg.password != "" && cfg.host != "" && cfg.database != "" && port > 0
}

var uriPattern = regexp.MustCompile(`^[^:]+://([^:@]+)(?::(.+))?@([^:/]+)(?::([^/]+))?/(.+)$`)

func fromURI(uri string) config {
	m := uriPattern.FindStringSubmatch(uri)
	if m == nil {
		fatal("no usable credentials: discrete fields incomplete and uri unreadable")
	}
	port, _ := strconv.Atoi(m[4])
	return config{m[1], m[2], m[3], m[5], port}
}

func dsn(cfg config, sslmode string) string {
	q := func(s string) string { return strings.ReplaceAll(s, `'`, `\'`) }
	return fmt.Sprintf("user='%s' password='%s' dbname='%s' host='%s' port=%d connect_timeout=10 sslmode='%s'",
		q(cfg.user), q(cfg.password), q(cfg.database), cfg.host, cfg.port, sslmode)
}

func main() {
	s := pickService()
	cfg, ok := fromCredentials(s.Credentials)
	if !ok {
		cfg = fromURI(fmt.Sprintf("%v", s.Credentials["uri"]))
	}
	mode := os.Getenv("DB_SSL_MODE")
	if mode == "" {
		mode = "disable"
	}
	switch mode {
	case "disable", "require", "verify-ca", "verify-full":
	default:
		fatal("invalid SSL mode: %s", mode)
	}
	db, err := sql.Open("postgres", dsn(cfg, mode))
	if err != nil {
		fatal("%v", err)
	}
	defer db.Close()
	var ssl bool
	if err := db.QueryRow("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl); err != nil {
		fatal("%v", err)
	}
	fmt.Println(ssl)
}
