// A test record that both the C++ API and the C API can screen, for tests that compare the two.
#ifndef REGSCREEN_TESTS_TEST_RECORDS_CAPI_H_
#define REGSCREEN_TESTS_TEST_RECORDS_CAPI_H_

#include <string>

#include "regscreen/regscreen_c.h"
#include "regscreen/screener.h"

namespace regscreen::test {

struct TestRecord {
  std::string id, name, scope, website;
  bool new_registration = false;
};

// Views into `r`, which must outlive the result. An empty website is passed as absent (NULL).
inline regscreen_record c_record(const TestRecord& r) {
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  rec.id = r.id.data();
  rec.id_len = r.id.size();
  rec.name = r.name.data();
  rec.name_len = r.name.size();
  rec.scope = r.scope.data();
  rec.scope_len = r.scope.size();
  if (!r.website.empty()) {
    rec.website = r.website.data();
    rec.website_len = r.website.size();
  }
  rec.new_registration = r.new_registration ? 1 : 0;
  return rec;
}

inline Record cpp_record(const TestRecord& r) {
  Record rec;
  rec.id = r.id;
  rec.name = r.name;
  rec.scope = r.scope;
  rec.website = r.website;
  rec.new_registration = r.new_registration;
  return rec;
}

}  // namespace regscreen::test

#endif  // REGSCREEN_TESTS_TEST_RECORDS_CAPI_H_
