// InputRecord: one record as read from an input file, owning its text, before screening.
//
// Every record the readers find becomes exactly one InputRecord, and every InputRecord becomes exactly one
// output row: a record that cannot be read (wrong field count, bad JSON, undecodable bytes, an unterminated
// quote) carries an `error` and is written as an error row with its line number.
#pragma once

#include <cstdint>
#include <string>

#include "regscreen/screener.h"

namespace regscreen::cli {

struct InputRecord {
  uint64_t line = 0;      // 1-based line of the input where the record starts
  uint64_t end_line = 0;  // line where it ends (differs for quoted fields holding newlines)
  std::string id;         // the id column's value, else the credit code, else the record number
  std::string name;
  std::string scope;
  std::string website;
  std::string credit_code;
  bool new_registration = false;
  std::string error;    // non-empty: the record could not be read; it becomes an error row
  std::string warning;  // a problem that did not stop screening (added to the result's warnings)

  // Empties every field but keeps the strings' capacity: records are reused batch after batch, so that
  // steady-state reading allocates nothing.
  void clear() {
    line = end_line = 0;
    id.clear();
    name.clear();
    scope.clear();
    website.clear();
    credit_code.clear();
    new_registration = false;
    error.clear();
    warning.clear();
  }

  Record as_record() const {
    return Record{.id = id,
                  .name = name,
                  .scope = scope,
                  .website = website,
                  .credit_code = credit_code,
                  .new_registration = new_registration};
  }
};

}  // namespace regscreen::cli
