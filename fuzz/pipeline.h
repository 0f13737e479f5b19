#pragma once
// What staging and the launch hook do with parsed bindings, checked for the properties every
// binding input must keep: no crash, one-line errors, a DATABASE_URL that parses back to the
// selected connection, and nothing loggable that depends on a password.
#include <vector>

#include "bindings/bindings.h"

namespace rdsca::fuzz {

/// Runs selection, the launch exports and their rendering over `bindings` (as the launch hook
/// does, with every trust-store file present) and checks:
/// - every Failure is one line;
/// - DATABASE_URL and JDBC_DATABASE_URL parse back (the engine's codec) to the selected
///   database's fields, parameters and TLS mode;
/// - what staging logs (service classifications, reasons, redacted URLs, TLS modes, notes other
///   than the password-conflict note, error messages) is unchanged when every password (the
///   `password` credential, and the password part of a uri/url, even a malformed one) is
///   replaced by other text of the same shape.
void CheckBindingsPipeline(const std::vector<Binding>& bindings);

}  // namespace rdsca::fuzz
