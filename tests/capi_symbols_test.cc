// libregscreen_c.so exports exactly the functions declared in regscreen_c.h: nothing of the C++ library,
// its dependencies or libstdc++ template instances leaks into the dynamic symbol table (where it could
// clash with a host process's own copies), and no declared function is missing.
#include "regscreen/regscreen_c.h"

#include <gtest/gtest.h>

// GCC 12 with -fsanitize=address reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>
// (std::function in _Compiler::_M_disjunction), which -Werror turns into a failed ASan build.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

// Runs `command` and returns its standard output.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  return out;
}

struct DynamicSymbol {
  std::string type;
  std::string name;  // without the @VERSION suffix
  std::string version;
};

std::vector<DynamicSymbol> defined_dynamic_symbols() {
  std::vector<DynamicSymbol> symbols;
  std::istringstream lines(run("nm -D --defined-only '" REGSCREEN_C_LIBRARY "'"));
  std::string line;
  while (std::getline(lines, line)) {
    // "<address> <type> <name>[@@VERSION]"
    std::istringstream fields(line);
    std::string address, type, name;
    if (!(fields >> address >> type >> name)) continue;
    DynamicSymbol s{type, name, ""};
    if (const size_t at = name.find('@'); at != std::string::npos) {
      s.name = name.substr(0, at);
      s.version = name.substr(name.find_first_not_of('@', at));
    }
    symbols.push_back(s);
  }
  return symbols;
}

std::set<std::string> declared_functions() {
  std::ifstream in(REGSCREEN_C_HEADER);
  std::stringstream text;
  text << in.rdbuf();
  const std::string header = text.str();
  // "REGSCREEN_C_API <return type> *?regscreen_xxx(" possibly over two lines.
  static const std::regex decl(R"(REGSCREEN_C_API\s+[^;(]*?\b(regscreen_\w+)\s*\()");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), decl); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

TEST(CApiSymbols, OnlyTheDeclaredApiIsExported) {
  const std::vector<DynamicSymbol> symbols = defined_dynamic_symbols();
  ASSERT_FALSE(symbols.empty()) << "nm -D found nothing in " REGSCREEN_C_LIBRARY;
  std::set<std::string> exported;
  for (const DynamicSymbol& s : symbols) {
    if (s.type == "A") {  // the version node itself (REGSCREEN_C_1)
      EXPECT_EQ(s.name, "REGSCREEN_C_1");
      continue;
    }
    EXPECT_EQ(s.name.rfind("regscreen_", 0), 0u) << "leaked symbol: " << s.type << " " << s.name;
    EXPECT_EQ(s.type, "T") << s.name << " is exported but is not a function";
    EXPECT_EQ(s.version, "REGSCREEN_C_1") << s.name;
    exported.insert(s.name);
  }
  const std::set<std::string> declared = declared_functions();
  ASSERT_GT(declared.size(), 30u) << "the header parse found too few declarations";
  for (const std::string& name : declared) EXPECT_TRUE(exported.count(name)) << "declared, not exported: " << name;
  for (const std::string& name : exported) EXPECT_TRUE(declared.count(name)) << "exported, not declared: " << name;
}

TEST(CApiSymbols, SonameCarriesTheAbiVersion) {
  const std::string dynamic = run("objdump -p '" REGSCREEN_C_LIBRARY "'");
  const std::string soname = "libregscreen_c.so." + std::to_string(REGSCREEN_C_ABI_VERSION);
  EXPECT_NE(dynamic.find("SONAME               " + soname + "\n"), std::string::npos) << dynamic;
}

}  // namespace
