// The results of one screen_many() call, kept in C++ form until they are read (regscreen.Results).
//
// Why: in a registry most records are clear without a single hit (about 95% in the benchmark mix), and
// one pybind11 Result object per record costs about 0.2 µs of CPU and several hundred bytes, as much as a
// fifth of screening the record. A clear row without hits is stored here as a decision, a score and an
// interned explanation (16 bytes); only rows with hits, categories, regulators or warnings keep a full
// PyResult. Result objects are made on access (indexing, iteration), each time anew: equal, not
// identical. decision_code(i) and score(i) answer without making one, so that a caller can pick the
// records it wants (the referred ones, say) first.
//
// Built by the calling thread, in record order, with add(); immutable afterwards. No Python object
// lives here apart from the ids column (a tuple, as given to screen_many), so a table can be read from
// any thread that holds the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "py_result.h"

namespace regscreen::python {

class ResultTable {
 public:
  // `ids`: the ids column (a tuple with one item per record), or None; set once every row is added.
  void set_ids(pybind11::object ids) { ids_ = std::move(ids); }

  void reserve(size_t n) { rows_.reserve(n); }

  // True when a result (Result or PyResult) is kept as a plain row: no hits, categories, regulators or
  // warnings.
  template <class R>
  static bool plain(const R& r) {
    return r.hits.empty() && r.categories.empty() && r.regulators.empty() && r.warnings.empty();
  }

  // Appends the next record's result, a plain one.
  void add_plain(Decision decision, int score, const std::string& explanation) {
    // Runs of rows share an explanation ("clear: ..."): check the last one before hashing.
    if (last_explanation_ == UINT32_MAX || explanations_[last_explanation_] != explanation) {
      auto [it, inserted] = explanation_ids_.try_emplace(explanation, static_cast<uint32_t>(explanations_.size()));
      if (inserted) explanations_.push_back(explanation);
      last_explanation_ = it->second;
    }
    rows_.push_back(Row{decision, score, last_explanation_, -1});
  }

  // Appends the next record's result (r->id is ignored: ids come from the ids column).
  void add(PyResult&& r) {
    if (plain(r)) {
      add_plain(r.decision, r.score, r.explanation);
      return;
    }
    rows_.push_back(Row{r.decision, r.score, 0, static_cast<int32_t>(details_.size())});
    details_.push_back(std::move(r));
    details_.back().id = pybind11::object();  // no Python references kept per row
  }

  size_t size() const { return rows_.size(); }
  Decision decision(size_t i) const { return rows_[i].decision; }
  int score(size_t i) const { return rows_[i].score; }

  // A copy of record i's result, with its id.
  PyResult get(size_t i) const {
    const Row& row = rows_[i];
    PyResult r;
    if (row.detail >= 0) {
      const PyResult& d = details_[static_cast<size_t>(row.detail)];
      r.categories = d.categories;
      r.regulators = d.regulators;
      r.explanation = d.explanation;
      r.warnings = d.warnings;
      r.hits = d.hits;
    } else {
      r.explanation = explanations_[row.explanation];
    }
    r.decision = row.decision;
    r.score = row.score;
    if (!ids_.is_none()) {
      PyObject* id = PyTuple_GET_ITEM(ids_.ptr(), static_cast<Py_ssize_t>(i));
      r.id = PyUnicode_Check(id) ? pybind11::reinterpret_borrow<pybind11::object>(id) : pybind11::none();
    }
    return r;
  }

 private:
  struct Row {
    Decision decision;
    int32_t score;
    uint32_t explanation;  // index into explanations_ (rows without details)
    int32_t detail;        // index into details_, or -1
  };
  std::vector<Row> rows_;
  std::vector<std::string> explanations_;
  std::unordered_map<std::string, uint32_t> explanation_ids_;
  uint32_t last_explanation_ = UINT32_MAX;  // the explanation of the last plain row
  std::vector<PyResult> details_;
  pybind11::object ids_ = pybind11::none();
};

}  // namespace regscreen::python
