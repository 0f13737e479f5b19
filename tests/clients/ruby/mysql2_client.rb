# Ruby mysql2 the way Rails connects: ActiveRecord reads DATABASE_URL and hands each query
# parameter (sslca, ssl_mode) to Mysql2::Client as an option. No app code. Prints the session's
# Ssl_cipher.
require "active_record"

begin
  ActiveRecord::Base.establish_connection(ENV.fetch("DATABASE_URL"))
  row = ActiveRecord::Base.connection.select_rows("SHOW SESSION STATUS LIKE 'Ssl_cipher'").first
  puts row[1]
rescue StandardError => e
  warn "mysql2: #{e.message}"
  exit 1
end
