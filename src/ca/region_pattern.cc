#include "ca/region_pattern.h"

#include <algorithm>

#include "base/error.h"

namespace rdsca {

namespace {

bool IsPlain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool IsWord(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

RegionPattern::RegionPattern(std::string_view regex) : text_(regex) {
  const auto bad = [&](const std::string& why) {
    throw Failure("region pattern " + text_ + " " + why +
                  ": extend src/ca/region_pattern.cc for it, or fix data/aws-partitions.json");
  };
  if (regex.size() < 2 || regex.front() != '^' || regex.back() != '$') bad("is not anchored by ^ and $");
  const std::string_view body = regex.substr(1, regex.size() - 2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    Atom a;
    if (c == '\\' && i + 1 < body.size()) {
      const char e = body[++i];
      if (e == 'w' || e == 'd') {
        a.kind = e == 'w' ? Atom::kWord : Atom::kDigit;
      } else if (e == '-' || e == '.' || e == '_') {
        a.c = e;
      } else {
        bad(std::string("has the escape \\") + e);
      }
    } else if (c == '(') {
      const std::size_t close = body.find(')', i);
      if (close == std::string_view::npos) bad("has an unclosed group");
      a.kind = Atom::kGroup;
      std::string alt;
      for (std::size_t k = i + 1; k <= close; ++k) {
        if (k == close || body[k] == '|') {
          if (alt.empty()) bad("has an empty alternative");
          a.alternatives.push_back(alt);
          alt.clear();
        } else if (IsPlain(body[k])) {
          alt += body[k];
        } else {
          bad(std::string("has '") + body[k] + "' in a group");
        }
      }
      i = close;
    } else if (IsPlain(c)) {
      a.c = c;
    } else {
      bad(std::string("has '") + c + "'");
    }
    if (i + 1 < body.size() && body[i + 1] == '+') {
      if (a.kind == Atom::kGroup) bad("repeats a group");
      a.plus = true;
      ++i;
    }
    min_size_ += a.kind == Atom::kGroup ? std::min_element(a.alternatives.begin(), a.alternatives.end(),
                                                           [](const std::string& x, const std::string& y) {
                                                             return x.size() < y.size();
                                                           })->size()
                                        : 1;
    atoms_.push_back(std::move(a));
  }
}

bool RegionPattern::Accepts(const Atom& a, char c) const {
  switch (a.kind) {
    case Atom::kWord: return IsWord(c);
    case Atom::kDigit: return c >= '0' && c <= '9';
    case Atom::kChar: return c == a.c;
    case Atom::kGroup: return false;
  }
  return false;
}

bool RegionPattern::MatchFrom(std::size_t atom, std::string_view text, std::size_t pos) const {
  if (atom == atoms_.size()) return pos == text.size();
  const Atom& a = atoms_[atom];
  if (a.kind == Atom::kGroup) {
    for (const std::string& alt : a.alternatives) {
      if (text.substr(pos, alt.size()) == alt && MatchFrom(atom + 1, text, pos + alt.size())) return true;
    }
    return false;
  }
  std::size_t n = 0;  // how many characters from pos this atom can take
  while (pos + n < text.size() && Accepts(a, text[pos + n]) && (a.plus || n == 0)) ++n;
  for (; n >= 1; --n) {  // greedy, backing off as ECMAScript does
    if (MatchFrom(atom + 1, text, pos + n)) return true;
  }
  return false;
}

bool RegionPattern::Matches(std::string_view text) const {
  return text.size() >= min_size_ && MatchFrom(0, text, 0);
}

}  // namespace rdsca
