// stratos_mysql.go: connects to MySQL/MariaDB the way Stratos's backend (jetstream) does on Cloud
// Foundry (BRIEF section 6), then prints the session's Ssl_cipher (empty: no TLS).
//   - the service: from VCAP_SERVICES, a credentials.uri starting with mysql:// or the tag
//     "mysql"; with several, the one tagged "stratos";
//   - discrete credentials username, password, hostname, port (string or number) and name (the
//     database, where PostgreSQL reads dbname); when one is missing, a regex over uri;
//   - tls only from DB_SSL_MODE: true, false, skip-verify or preferred (disable means false),
//     anything else fatal ("invalid SSL mode");
//   - go-sql-driver/mysql's DSN user:password@tcp(host:port)/name?tls=MODE: no key takes a CA
//     file, so tls=true verifies chain and host name against Go's system pool (SSL_CERT_FILE /
//     SSL_CERT_DIR), exactly what the buildpack must provide.
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

	_ "github.com/go-sql-driver/mysql"
)

type service struct {
	Tags        []string               `json:"tags"`
	Credentials map[string]interface{} `json:"credentials"`
}

func fatal(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "stratos-mysql: "+format+"\n", args...)
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

func pickService() service {
	var all map[string][]service
	if err := json.Unmarshal([]byte(os.Getenv("VCAP_SERVICES")), &all); err != nil {
		fatal("VCAP_SERVICES is not JSON: %v", err)
	}
	var found []service
	for _, list := range all {
		for _, s := range list {
			if strings.HasPrefix(fmt.Sprintf("%v", s.Credentials["uri"]), "mysql://") || hasTag(s, "mysql") {
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
	fatal("no single MySQL service in VCAP_SERVICES (%d found, none tagged stratos)", len(found))
	return service{}
}

var uriPattern = regexp.MustCompile(`^[^:]+://([^:@]+)(?::(.+))?@([^:/]+)(?::([^/]+))?/(.+)$`)

// dsn: the discrete fields, else the uri's parts, as Stratos reads them.
func dsn(c map[string]interface{}, mode string) string {
	str := func(k string) string {
		if v, ok := c[k]; ok && v != nil {
			return fmt.Sprintf("%v", v)
		}
		return ""
	}
	user, password, host, port, name := str("username"), str("password"), str("hostname"), str("port"), str("name")
	if user == "" || password == "" || host == "" || port == "" || name == "" {
		m := uriPattern.FindStringSubmatch(str("uri"))
		if m == nil {
			fatal("no usable credentials: discrete fields incomplete and uri unreadable")
		}
		user, password, host, port, name = m[1], m[2], m[3], m[4], m[5]
	}
	if _, err := strconv.Atoi(port); err != nil {
		fatal("port is not a number")
	}
	return fmt.Sprintf("%s:%s@tcp(%s:%s)/%s?timeout=10s&tls=%s", user, password, host, port, name, mode)
}

func main() {
	s := pickService()
	mode := os.Getenv("DB_SSL_MODE")
	switch mode {
	case "", "disable":
		mode = "false"
	case "true", "false", "skip-verify", "preferred":
	default:
		fatal("invalid SSL mode: %s", mode)
	}
	db, err := sql.Open("mysql", dsn(s.Credentials, mode))
	if err != nil {
		fatal("%v", err)
	}
	defer db.Close()
	var name, cipher string
	if err := db.QueryRow("SHOW SESSION STATUS LIKE 'Ssl_cipher'").Scan(&name, &cipher); err != nil {
		fatal("%v", err)
	}
	fmt.Println(cipher)
}
