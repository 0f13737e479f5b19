#pragma once
// How a client protects its connection to the database: one scale for every engine, weakest
// first. Each engine spells the modes its own way (db/engine.h: ParseTlsMode, TlsModeName).
namespace rdsca {

enum class TlsMode {
  kDisable,     ///< no TLS
  kAllow,       ///< plaintext first, TLS if the server insists
  kPrefer,      ///< TLS if the server offers it, else plaintext
  kRequire,     ///< TLS, nothing verified
  kVerifyCa,    ///< TLS, the chain verified to a trusted CA
  kVerifyFull,  ///< TLS, the chain and the host name verified
};

/// True for the modes that verify the server's chain: verify-ca and verify-full.
constexpr bool VerifiesChain(TlsMode mode) { return mode >= TlsMode::kVerifyCa; }

/// True for verify-full, the one mode that also checks the host name.
constexpr bool VerifiesHost(TlsMode mode) { return mode == TlsMode::kVerifyFull; }

}  // namespace rdsca
