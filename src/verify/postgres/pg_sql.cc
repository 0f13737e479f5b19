#include "verify/postgres/pg_sql.h"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

#include "base/error.h"
#include "db/postgres/postgres.h"

namespace rdsca {

const char* const kSslSessionsQuery =
    "SELECT a.pid, a.usename, a.application_name, a.client_addr, s.ssl, s.version, s.cipher, s.bits, "
    "a.pid = pg_backend_pid() AS mine "
    "FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid "
    "WHERE a.usename = current_user ORDER BY a.pid";

namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultCloser {
  void operator()(PGresult* r) const { PQclear(r); }
};

/// libpq's message on one line: newlines and tabs folded into single spaces, trimmed.
std::string OneLine(const char* text) {
  std::string out;
  for (const char* p = text; p != nullptr && *p != '\0'; ++p) {
    const char c = (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p;
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool Unreachable(const std::string& m) {
  for (const char* s : {"Connection refused", "timeout expired", "could not translate host name",
                        "Network is unreachable", "No route to host", "Connection timed out"}) {
    if (m.find(s) != std::string::npos) return true;
  }
  return false;
}

std::string Cell(const PGresult* r, int row, int col) {
  return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

}  // namespace

std::vector<SslSessionRow> RunSqlCheck(const SqlCheckOptions& o) {
  const std::string timeout = std::to_string(std::max<long long>(2, o.timeout.count()));
  const std::string port = o.port > 0 ? std::to_string(o.port) : "";
  const std::string ca = o.ca_file.string();
  const std::string sslmode(SslModeName(o.mode));
  // Keywords after dbname override what the URL says (libpq: the last value wins).
  const char* keys[] = {"dbname", "host", "port", "sslmode", "sslrootcert", "connect_timeout", "application_name", nullptr};
  const char* values[] = {o.url.c_str(),  o.host.empty() ? nullptr : o.host.c_str(), port.empty() ? nullptr : port.c_str(),
                          sslmode.c_str(), ca.c_str(), timeout.c_str(), "rds-ca verify", nullptr};
  std::unique_ptr<PGconn, ConnCloser> conn(PQconnectdbParams(keys, values, 1));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    const std::string why = conn ? OneLine(PQerrorMessage(conn.get())) : "out of memory";
    throw Failure("--sql cannot log in (" + why + "): check the binding's user, password and database name",
                  Unreachable(why) ? ExitCode::kNetwork : ExitCode::kFailure);
  }
  std::unique_ptr<PGresult, ResultCloser> res(PQexec(conn.get(), kSslSessionsQuery));
  if (!res || PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw Failure("--sql could not read pg_stat_ssl (" + OneLine(PQerrorMessage(conn.get())) +
                  "): it needs PostgreSQL 14 or newer and a role that may read pg_stat_activity");
  }
  std::vector<SslSessionRow> rows;
  for (int i = 0; i < PQntuples(res.get()); ++i) {
    rows.push_back({Cell(res.get(), i, 0), Cell(res.get(), i, 1), Cell(res.get(), i, 2), Cell(res.get(), i, 3),
                    Cell(res.get(), i, 4), Cell(res.get(), i, 5), Cell(res.get(), i, 6), Cell(res.get(), i, 7),
                    Cell(res.get(), i, 8) == "t"});
  }
  return rows;
}

std::string RenderSqlTable(const std::vector<SslSessionRow>& rows) {
  const std::vector<std::string> head = {"pid", "usename", "application_name", "client_addr", "ssl", "version", "cipher", "bits"};
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    cells.push_back({r.pid, r.usename, r.application_name, r.client_addr, r.ssl, r.version, r.cipher, r.bits});
  }
  std::vector<std::size_t> width;
  for (std::size_t c = 0; c < head.size(); ++c) {
    std::size_t w = head[c].size();
    for (const auto& row : cells) w = std::max(w, row[c].size());
    width.push_back(w);
  }
  auto line = [&](const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t c = 0; c < v.size(); ++c) {
      out += (c == 0 ? " " : " | ") + v[c] + std::string(width[c] - v[c].size(), ' ');
    }
    return out;
  };
  std::string out = line(head) + "\n";
  for (std::size_t c = 0; c < head.size(); ++c) out += (c == 0 ? "" : "+") + std::string(width[c] + 2, '-');
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string l = line(cells[i]);
    if (rows[i].mine) {
      l += "  <- this session";
    } else {
      while (!l.empty() && l.back() == ' ') l.pop_back();
    }
    out += l + "\n";
  }
  out += "(" + std::to_string(rows.size()) + (rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

bool OwnSessionIsTls(const std::vector<SslSessionRow>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const SslSessionRow& r) { return r.mine && r.ssl == "t"; });
}

}  // namespace rdsca
