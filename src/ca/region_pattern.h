#pragma once
// A region-name pattern of botocore's partitions file ("regionRegex"), matched without std::regex:
// the subset those patterns are written in, honoured exactly as ECMAScript reads it. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace rdsca {

/// A compiled regionRegex such as `^(us|eu|ap)\-\w+\-\d+$`. Understood: `^` first and `$` last
/// (both required), letters, digits, `_` and `-` as themselves, the escapes `\-` `\.` `\_`, the
/// classes `\w` (`[A-Za-z0-9_]`) and `\d` (`[0-9]`), a group `(a|b|c)` of plain alternatives, and
/// `+` after a character or class. Anything else throws Failure naming the pattern, so a data
/// update that needs more stops the tests instead of matching differently.
class RegionPattern {
 public:
  explicit RegionPattern(std::string_view regex);

  /// True when the whole of `text` matches (as std::regex_search with these anchors would say).
  bool Matches(std::string_view text) const;

  /// The pattern as written.
  const std::string& text() const { return text_; }

 private:
  struct Atom {
    enum Kind { kChar, kWord, kDigit, kGroup } kind = kChar;
    char c = 0;                              ///< kChar
    std::vector<std::string> alternatives;  ///< kGroup
    bool plus = false;                       ///< one or more (kChar, kWord, kDigit)
  };
  bool Accepts(const Atom& a, char c) const;
  bool MatchFrom(std::size_t atom, std::string_view text, std::size_t pos) const;

  std::string text_;
  std::vector<Atom> atoms_;
  std::size_t min_size_ = 0;  ///< no shorter text matches
};

}  // namespace rdsca
