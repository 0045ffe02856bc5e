// _regscreen: the pybind11 module behind the `regscreen` Python package.
//
// A thin binding in the manner of RE2's python/_re2.cc: check and convert the arguments, release the GIL
// around the C++ work, convert the results back. The Pythonic surface (default policy directory, pandas
// and Dask helpers, pickling) is in the pure-Python package next to this module.
//
// Batch calls (screen_many, _screen_columns) keep each input column in a tuple (so every str stays
// alive and the columns cannot change under the workers), then screen chunks of records on std::thread
// workers sharing the one immutable Screener, while this thread turns finished chunks into Python
// objects (batch_pipeline.h). Workers read the strs' own storage (py_text.h) and never call the Python
// API.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "batch_pipeline.h"
#include "hits_json.h"
#include "py_result.h"
#include "py_text.h"
#include "result_table.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

#ifndef REGSCREEN_PYTHON_DEFAULT_POLICY_DIR
#error "REGSCREEN_PYTHON_DEFAULT_POLICY_DIR must be defined by the build"
#endif

namespace py = pybind11;
using namespace pybind11::literals;

namespace regscreen::python {
namespace {

// The exception type regscreen.PolicyError (created at import; one reference kept for the process).
PyObject* policy_error_type = nullptr;

// ---- Conversions -------------------------------------------------------------------------------------

// UTF-8 from the library -> str. The library's strings are valid UTF-8 apart from hit text, which holds
// the caller's own characters, lone surrogates included (see py_text.h); anything else is replaced
// rather than raising from an attribute read.
py::str to_py(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogatepass");
  if (!o) {
    PyErr_Clear();
    o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (!o) throw py::error_already_set();
  }
  return py::reinterpret_steal<py::str>(o);
}

py::list to_py_list(const std::vector<std::string>& v) {
  py::list out(v.size());
  for (size_t i = 0; i < v.size(); ++i) out[i] = to_py(v[i]);
  return out;
}

std::string type_name(py::handle o) { return Py_TYPE(o.ptr())->tp_name; }

// os.fspath() of a str or path-like object; std::nullopt for None.
std::optional<std::filesystem::path> optional_path(py::handle o, const char* what) {
  if (o.is_none()) return std::nullopt;
  PyObject* p = PyOS_FSPath(o.ptr());
  if (!p) {
    PyErr_Clear();
    throw py::type_error(std::string(what) + " must be str, os.PathLike or None, not " + type_name(o));
  }
  py::object path = py::reinterpret_steal<py::object>(p);
  if (!PyUnicode_Check(p)) {
    throw py::type_error(std::string(what) + " must be a str path, not " + type_name(path));
  }
  return std::filesystem::path(path.cast<std::string>());
}

Backend parse_backend(py::handle o) {
  if (o.is_none()) return Backend::kDefault;
  if (!PyUnicode_Check(o.ptr())) throw py::type_error("backend must be str or None, not " + type_name(o));
  const std::string b = o.cast<std::string>();
  if (b == "default") return Backend::kDefault;
  if (b == "hyperscan") return Backend::kHyperscan;
  if (b == "aho-corasick" || b == "aho_corasick") return Backend::kAhoCorasick;
  throw py::value_error("backend must be None, 'default', 'hyperscan' or 'aho-corasick', not '" + b + "'");
}

// ---- Hit and Result as Python values -------------------------------------------------------------------

py::dict hit_to_dict(const PyHit& h) {
  py::dict d;
  d["term"] = to_py(h.hit.term);
  d["category"] = to_py(h.hit.category);
  d["field"] = to_py(to_string(h.hit.field));
  d["start"] = h.start;
  d["end"] = h.end;
  d["byte_start"] = h.hit.start;
  d["byte_end"] = h.hit.end;
  d["text"] = to_py(h.hit.text);
  d["status"] = to_py(to_string(h.hit.status));
  d["name_part"] = to_py(to_string(h.hit.name_part));
  d["weight"] = h.hit.weight;
  d["reason"] = to_py(h.hit.reason);
  return d;
}

py::list hits_to_dicts(const std::vector<PyHit>& hits) {
  py::list out(hits.size());
  for (size_t i = 0; i < hits.size(); ++i) out[i] = hit_to_dict(hits[i]);
  return out;
}

py::dict result_to_dict(const PyResult& r) {
  py::dict d;
  d["id"] = r.id;
  d["decision"] = to_py(to_string(r.decision));
  d["score"] = r.score;
  d["categories"] = to_py_list(r.categories);
  d["regulators"] = to_py_list(r.regulators);
  d["explanation"] = to_py(r.explanation);
  d["hits"] = hits_to_dicts(r.hits);
  d["warnings"] = to_py_list(r.warnings);
  return d;
}

bool same_hit(const PyHit& a, const PyHit& b) {
  const Hit& x = a.hit;
  const Hit& y = b.hit;
  return a.start == b.start && a.end == b.end && x.term == y.term && x.category == y.category &&
         x.field == y.field && x.start == y.start && x.end == y.end && x.text == y.text && x.status == y.status &&
         x.name_part == y.name_part && x.weight == y.weight && x.reason == y.reason;
}

bool same_result(const PyResult& a, const PyResult& b) {
  return a.decision == b.decision && a.score == b.score && a.categories == b.categories &&
         a.regulators == b.regulators && a.explanation == b.explanation && a.warnings == b.warnings &&
         std::equal(a.hits.begin(), a.hits.end(), b.hits.begin(), b.hits.end(), same_hit) &&
         a.id.equal(b.id);
}

std::string hit_repr(const PyHit& h) {
  return py::str("Hit(term={!r}, field='{}', start={}, end={}, text={!r}, status='{}', weight={})")
      .format(to_py(h.hit.term), to_string(h.hit.field), h.start, h.end, to_py(h.hit.text),
              to_string(h.hit.status), h.hit.weight)
      .cast<std::string>();
}

std::string result_repr(const PyResult& r) {
  return py::str("Result(decision='{}', score={}, categories={!r}, regulators={!r}, hits=<{} hits>)")
      .format(to_string(r.decision), r.score, to_py_list(r.categories), to_py_list(r.regulators), r.hits.size())
      .cast<std::string>();
}

// ---- Pickling ------------------------------------------------------------------------------------------
//
// Result and Hit pickle as their C++ fields (Dask and multiprocessing send results between processes):
// strings as the library's UTF-8 bytes, so that hit text holding lone surrogates round-trips exactly;
// enums as their numeric codes, checked on load; a leading format number for later changes. They reduce
// to regscreen._unpickle_result / _unpickle_hit (Python functions calling _result_from_state and
// _hit_from_state here: pickle cannot refer to a pybind11 function, whose __self__ is a capsule) rather
// than using py::pickle, whose __setstate__ route fails for protocols 0 and 1 (copyreg cannot allocate a
// pybind11 instance).

constexpr int kPickleFormat = 1;

py::bytes raw(const std::string& s) { return py::bytes(s.data(), s.size()); }

py::tuple raw_list(const std::vector<std::string>& v) {
  py::tuple t(v.size());
  for (size_t i = 0; i < v.size(); ++i) t[i] = raw(v[i]);
  return t;
}

std::vector<std::string> raw_list_from(py::handle o) {
  std::vector<std::string> out;
  for (py::handle b : o.cast<py::tuple>()) out.push_back(b.cast<std::string>());
  return out;
}

template <class Enum>
Enum enum_from(py::handle o, int count, const char* what) {
  const int v = o.cast<int>();
  if (v < 0 || v >= count) throw py::value_error(std::string("cannot unpickle: bad ") + what + " code");
  return static_cast<Enum>(v);
}

py::tuple hit_state(const PyHit& h) {
  const Hit& x = h.hit;
  return py::make_tuple(kPickleFormat, raw(x.term), raw(x.category), static_cast<int>(x.field), x.start, x.end,
                        raw(x.text), static_cast<int>(x.status), static_cast<int>(x.name_part), x.weight,
                        raw(x.reason), h.start, h.end);
}

PyHit hit_from_state(const py::tuple& t) {
  if (t.size() != 13 || t[0].cast<int>() != kPickleFormat) throw py::value_error("cannot unpickle Hit: unknown format");
  PyHit h;
  Hit& x = h.hit;
  x.term = t[1].cast<std::string>();
  x.category = t[2].cast<std::string>();
  x.field = enum_from<Field>(t[3], kFieldCount, "field");
  x.start = t[4].cast<uint32_t>();
  x.end = t[5].cast<uint32_t>();
  x.text = t[6].cast<std::string>();
  x.status = enum_from<HitStatus>(t[7], 3, "status");
  x.name_part = enum_from<NamePart>(t[8], 5, "name part");
  x.weight = t[9].cast<double>();
  x.reason = t[10].cast<std::string>();
  h.start = t[11].cast<uint32_t>();
  h.end = t[12].cast<uint32_t>();
  return h;
}

py::tuple result_state(const PyResult& r) {
  py::tuple hits(r.hits.size());
  for (size_t i = 0; i < r.hits.size(); ++i) hits[i] = hit_state(r.hits[i]);
  return py::make_tuple(kPickleFormat, static_cast<int>(r.decision), r.score, raw_list(r.categories),
                        raw_list(r.regulators), raw(r.explanation), raw_list(r.warnings), hits, r.id);
}

PyResult result_from_state(const py::tuple& t) {
  if (t.size() != 9 || t[0].cast<int>() != kPickleFormat) {
    throw py::value_error("cannot unpickle Result: unknown format");
  }
  PyResult r;
  r.decision = enum_from<Decision>(t[1], static_cast<int>(Decision::kError) + 1, "decision");
  r.score = t[2].cast<int>();
  r.categories = raw_list_from(t[3]);
  r.regulators = raw_list_from(t[4]);
  r.explanation = t[5].cast<std::string>();
  r.warnings = raw_list_from(t[6]);
  for (py::handle h : t[7].cast<py::tuple>()) r.hits.push_back(hit_from_state(h.cast<py::tuple>()));
  r.id = t[8];
  return r;
}

// ---- Records ------------------------------------------------------------------------------------------

enum Column { kName, kScope, kWebsite, kId, kCreditCode, kColumnCount };
constexpr const char* kColumnArg[kColumnCount] = {"name", "scope", "website", "id", "credit_code"};

// Per-thread buffers for the UTF-8 of one record's non-ASCII strs.
struct RecordBuffers {
  std::array<std::string, kColumnCount> utf8;

  // `objs[c]` is a str or anything else (treated as missing: empty).
  Record record(PyObject* const (&objs)[kColumnCount], bool new_registration) {
    std::string_view v[kColumnCount];
    for (int c = 0; c < kColumnCount; ++c) {
      if (objs[c] && PyUnicode_Check(objs[c])) v[c] = utf8_of(objs[c], &utf8[c]);
    }
    return Record{.id = v[kId], .name = v[kName], .scope = v[kScope], .website = v[kWebsite],
                  .credit_code = v[kCreditCode], .new_registration = new_registration};
  }
};

// How batch inputs may spell a missing value.
struct MissingPolicy {
  bool frame = false;   // pandas: None, NaN and the given NA singletons are missing in every column
  py::tuple na_values = py::tuple();  // e.g. (pandas.NA,)
};

bool is_missing(PyObject* o, int c, const MissingPolicy& mp) {
  if (o == Py_None) return mp.frame || c >= kWebsite;
  if (!mp.frame) return false;
  if (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o))) return true;
  for (py::handle na : mp.na_values) {
    if (na.ptr() == o) return true;
  }
  return false;
}

// The items of a 1-D numpy object array (what pandas' to_numpy(dtype=object) gives), read straight from
// the array's buffer: iterating the array through the sequence protocol costs ~35 ns an item, about a
// tenth of screening a record. Empty (no error set) for anything else.
std::optional<std::pair<const char*, py::ssize_t>> object_array_items(py::handle o, py::ssize_t* n) {
  // By type name rather than py::isinstance<py::array>, which imports numpy (and fails without it): plain
  // lists must not need numpy. A subclass of ndarray takes the sequence path, slower but equal.
  if (std::string_view(Py_TYPE(o.ptr())->tp_name) != "numpy.ndarray") return std::nullopt;
  py::array a = py::reinterpret_borrow<py::array>(o);
  if (a.ndim() != 1 || a.dtype().kind() != 'O') return std::nullopt;
  *n = a.shape(0);
  return std::make_pair(static_cast<const char*>(a.data()), a.strides(0));
}

// The input columns of a batch call. Their items are taken chunk by chunk (prepare(), on the calling
// thread, with the GIL, while the workers screen earlier chunks): each is checked, and a reference to it
// is held until its chunk is converted (release()), so that a Python thread changing the caller's list or
// array while the GIL is released cannot free a str under the workers. Taking a million items up front,
// before any screening, was a tenth of the call's wall time on two threads. The references live in a ring
// with room for the chunks in flight (start()), not one slot per record. Destroy with the GIL held.
class Columns {
 public:
  Columns(const std::array<py::object, kColumnCount>& in, py::handle new_registration,
          const std::array<std::string, kColumnCount>& labels, const MissingPolicy& mp);
  ~Columns() {
    for (int c = 0; c < kColumnCount; ++c) {
      if (c == kId) continue;  // borrowed from ids_
      for (PyObject* o : items_[c]) Py_XDECREF(o);
    }
  }
  Columns(const Columns&) = delete;
  Columns& operator=(const Columns&) = delete;

  size_t n = 0;
  std::array<bool, kColumnCount> present{};

  // Batch calls work in chunks of `chunk` records: an eighth of the call, within 512..2048. A call of
  // fewer than 512 records is one chunk (no worker thread is started for it); long calls take few
  // chunks, since each one costs the calling thread a wake-up and the workers a hand-over.
  size_t chunk = 512;
  size_t chunks() const { return (n + chunk - 1) / chunk; }
  size_t chunk_begin(size_t k) const { return k * chunk; }
  size_t chunk_end(size_t k) const { return std::min(n, (k + 1) * chunk); }

  // Makes room for `window` chunks prepared and not yet released at once (call once, before prepare).
  void start(size_t window);
  // Takes, checks and holds items [begin, end) of every column (GIL held). Throws TypeError for an item
  // of the wrong type, ValueError when a list has shrunk meanwhile.
  void prepare(size_t begin, size_t end);
  // Item i of column c, between its prepare() and release(), or nullptr for a column not given. Safe
  // without the GIL.
  PyObject* item(int c, size_t i) const { return present[c] ? items_[c][i & mask_] : nullptr; }
  bool new_registration(size_t i) const { return is_new_.empty() ? all_new_ : is_new_[i] != 0; }
  // Drops the references to items [begin, end) (GIL held), once their chunk is converted: while their
  // headers are likely still in the cache, rather than all at the end. The ids stay, in ids_tuple().
  void release(size_t begin, size_t end) {
    for (int c = 0; c < kColumnCount; ++c) {
      if (!present[c]) continue;
      for (size_t i = begin; i < end; ++i) {
        if (c == kId) {
          items_[c][i & mask_] = nullptr;
        } else {
          Py_CLEAR(items_[c][i & mask_]);
        }
      }
    }
  }
  // The ids as a tuple (None when not given), once every chunk is prepared.
  py::object ids_tuple() const { return ids_; }

 private:
  struct Source {
    py::object owner;                // the caller's list, or a tuple of any other sequence's items
    const char* array = nullptr;     // a numpy object array's buffer ...
    py::ssize_t stride = 0;          // ... and stride
  };
  std::array<Source, kColumnCount> sources_;
  std::array<std::vector<PyObject*>, kColumnCount> items_;  // rings of mask_ + 1 slots (start())
  size_t mask_ = 0;
  py::object ids_ = py::none();  // a tuple of n items, filled by prepare(); items_[kId] borrows from it
  std::array<std::string, kColumnCount> labels_;
  MissingPolicy mp_;
  bool all_new_ = false;       // new_registration given as one bool
  std::vector<char> is_new_;   // ... or per record
};

Columns::Columns(const std::array<py::object, kColumnCount>& in, py::handle new_registration,
                 const std::array<std::string, kColumnCount>& labels, const MissingPolicy& mp)
    : labels_(labels), mp_(mp) {
  for (int c = 0; c < kColumnCount; ++c) {
    if (in[c].is_none()) {
      if (c == kName) throw py::type_error(labels[c] + " must be a sequence of str, not None");
      continue;
    }
    if (PyUnicode_Check(in[c].ptr()) || PyBytes_Check(in[c].ptr())) {
      throw py::type_error(labels[c] + " must be a sequence of str, not a single " + type_name(in[c]));
    }
    Source& src = sources_[c];
    py::ssize_t len = 0;
    if (const auto array = object_array_items(in[c], &len)) {
      src.owner = in[c];
      src.array = array->first;
      src.stride = array->second;
    } else if (PyList_Check(in[c].ptr()) || PyTuple_Check(in[c].ptr())) {
      src.owner = in[c];
      len = PySequence_Fast_GET_SIZE(in[c].ptr());
    } else {
      PyObject* t = PySequence_Tuple(in[c].ptr());
      if (!t) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) throw py::error_already_set();  // raised while iterating
        PyErr_Clear();
        throw py::type_error(labels[c] + " must be a sequence of str, not " + type_name(in[c]));
      }
      src.owner = py::reinterpret_steal<py::object>(t);
      len = PyTuple_GET_SIZE(t);
    }
    if (c == kName) n = static_cast<size_t>(len);
    if (static_cast<size_t>(len) != n) {
      throw py::value_error(labels[c] + " has " + std::to_string(len) + " items but " + labels[kName] + " has " +
                            std::to_string(n));
    }
    present[c] = true;
  }
  chunk = std::clamp<size_t>(n / 8, 512, 2048);
  if (PyBool_Check(new_registration.ptr()) || !PySequence_Check(new_registration.ptr()) ||
      PyUnicode_Check(new_registration.ptr())) {
    if (PyUnicode_Check(new_registration.ptr())) {
      throw py::type_error("new_registration must be a bool or a sequence of bool, not str");
    }
    all_new_ = py::bool_(py::reinterpret_borrow<py::object>(new_registration));
  } else {
    py::tuple t = py::reinterpret_steal<py::tuple>(PySequence_Tuple(new_registration.ptr()));
    if (!t) throw py::error_already_set();
    if (t.size() != n) {
      throw py::value_error("new_registration has " + std::to_string(t.size()) + " items but " + labels[kName] +
                            " has " + std::to_string(n));
    }
    is_new_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const int truth = PyObject_IsTrue(PyTuple_GET_ITEM(t.ptr(), i));
      if (truth < 0) throw py::error_already_set();
      is_new_[i] = static_cast<char>(truth);
    }
  }
}

void Columns::prepare(size_t begin, size_t end) {
  for (int c = 0; c < kColumnCount; ++c) {
    if (!present[c]) continue;
    const Source& src = sources_[c];
    PyObject* const owner = src.owner.ptr();
    if (!src.array && PyList_Check(owner) && static_cast<size_t>(PyList_GET_SIZE(owner)) < end) {
      throw py::value_error(labels_[c] + " changed size during the call");
    }
    for (size_t i = begin; i < end; ++i) {
      PyObject* o = src.array ? *reinterpret_cast<PyObject* const*>(src.array + static_cast<py::ssize_t>(i) * src.stride)
                              : PySequence_Fast_ITEMS(owner)[i];
      if (!o) o = Py_None;  // numpy allows NULL for None
      if (PyUnicode_Check(o)) {
        if (!prepare_str(o)) throw py::error_already_set();
      } else if (!is_missing(o, c, mp_)) {
        const char* allowed = mp_.frame ? "str or missing (None, NaN, pandas.NA)" : c >= kWebsite ? "str or None" : "str";
        throw py::type_error(labels_[c] + "[" + std::to_string(i) + "] must be " + allowed + ", not " +
                             Py_TYPE(o)->tp_name);
      }
      if (c == kId) {
        PyTuple_SET_ITEM(ids_.ptr(), static_cast<py::ssize_t>(i), Py_NewRef(o));
        items_[c][i & mask_] = o;
      } else {
        items_[c][i & mask_] = Py_NewRef(o);
      }
    }
  }
}

void Columns::start(size_t window) {
  const size_t ring = std::bit_ceil(std::max<size_t>(1, std::min(n, window * chunk)));
  mask_ = ring - 1;
  for (int c = 0; c < kColumnCount; ++c) {
    if (present[c]) items_[c].assign(ring, nullptr);
  }
  if (present[kId]) {
    ids_ = py::reinterpret_steal<py::object>(PyTuple_New(static_cast<py::ssize_t>(n)));
    if (!ids_) throw py::error_already_set();
  }
}

int resolve_threads(py::handle threads, size_t n_chunks) {
  long t;
  if (threads.is_none()) {
    t = std::max(1u, std::thread::hardware_concurrency());
  } else {
    if (!PyIndex_Check(threads.ptr()) || PyBool_Check(threads.ptr())) {
      throw py::type_error("threads must be an int or None, not " + type_name(threads));
    }
    py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(threads.ptr()));
    if (!index) throw py::error_already_set();
    t = PyLong_AsLong(index.ptr());
    if (t == -1 && PyErr_Occurred()) throw py::error_already_set();
    if (t < 1) throw py::value_error("threads must be >= 1, not " + std::to_string(t));
  }
  return static_cast<int>(std::min<size_t>(static_cast<size_t>(std::min(t, 1024L)), std::max<size_t>(n_chunks, 1)));
}

// ---- Screener -----------------------------------------------------------------------------------------

struct PyScreener {
  Screener screener;
  std::filesystem::path policy_dir;
};

PyScreener make_screener(py::handle profile, py::handle policy_dir, py::handle backend, py::handle licensed_list) {
  const std::optional<std::filesystem::path> profile_path = optional_path(profile, "profile");
  if (!profile_path) throw py::type_error("profile must be a profile name or a path, not None");
  ScreenerOptions options;
  options.backend = parse_backend(backend);
  options.policy_dir = optional_path(policy_dir, "policy_dir").value_or(std::filesystem::path());
  options.licensed_list = optional_path(licensed_list, "licensed_list").value_or(std::filesystem::path());
  const std::string profile_str = profile_path->string();
  py::gil_scoped_release release;
  if (options.policy_dir.empty()) options.policy_dir = default_policy_dir();
  Screener s = Screener::from_profile(profile_str, options);
  return PyScreener{std::move(s), options.policy_dir};
}

PyObject* checked_str(py::handle o, int c) {
  if (PyUnicode_Check(o.ptr())) {
    if (!prepare_str(o.ptr())) throw py::error_already_set();
    return o.ptr();
  }
  if (o.is_none() && c >= kWebsite) return nullptr;
  throw py::type_error(std::string("screen(): ") + kColumnArg[c] + " must be str" + (c >= kWebsite ? " or None" : "") +
                       ", not " + type_name(o));
}

PyResult screen_one(const PyScreener& self, py::handle name, py::handle scope, py::handle website, py::handle id,
                    py::handle credit_code, bool new_registration) {
  PyObject* const objs[kColumnCount] = {checked_str(name, kName), checked_str(scope, kScope),
                                        checked_str(website, kWebsite), checked_str(id, kId),
                                        checked_str(credit_code, kCreditCode)};
  PyResult out;
  {
    py::gil_scoped_release release;
    thread_local RecordBuffers buffers;
    thread_local Result result;
    const Record record = buffers.record(objs, new_registration);
    self.screener.screen(record, &result);
    const std::string_view fields[kFieldCount] = {record.name, record.scope, record.website};
    take_result(&result, fields, &out);
  }
  if (objs[kId]) out.id = py::reinterpret_borrow<py::object>(objs[kId]);
  return out;
}

// A worker's buffers for one chunk of a batch call, reused from chunk to chunk.
//
// Most records (~95%) have no term. Screener::certainly_clear tells so from each str's own storage, in
// one pass over its code points, and such a record gets the Result of an empty record without being
// encoded or screened. The others are encoded to UTF-8 and screened with one library call (Screener::screen
// over spans, whose prefilter checks many records at once).
class ChunkBuffers {
 public:
  // The strs of a long batch are read once each, and their first lines are far from this core's caches
  // (in memory, or written by the calling thread's prepare() on another core): the first pass asks for
  // those of the record kPrefetchAhead records ahead (a scope's first four lines, the other fields' first)
  // while it works on this one. 5-7% less CPU per record on the benchmark mix, on one thread or two.
  static constexpr size_t kPrefetchAhead = 8;
  // Screens records [begin, end) of `cols`; result(j) is then record begin + j's. A record the library
  // refuses (a field over the length limit) becomes an error row, as in the CLI, rather than failing the
  // other records: decision kError and the reason in explanation and warnings (screen() on one record
  // raises ValueError instead).
  void screen(const Screener& screener, const Columns& cols, size_t begin, size_t end) {
    if (!clear_made_) {
      screener.screen(Record{}, &clear_);
      clear_made_ = true;
    }
    const size_t n = end - begin;
    index_.resize(n);
    size_t count = 0, need = 0;
    for (size_t i = begin; i < end; ++i) {
      if (i + kPrefetchAhead < end) {
        for (int c = kName; c <= kWebsite; ++c) {
          if (PyObject* o = cols.item(c, i + kPrefetchAhead)) {
            for (int line = 0; line < (c == kScope ? 4 : 1); ++line) {
              __builtin_prefetch(reinterpret_cast<const char*>(o) + 64 * line);
            }
          }
        }
      }
      bool clear = true;
      for (int c = kName; c <= kWebsite && clear; ++c) {
        if (PyObject* o = cols.item(c, i); o && PyUnicode_Check(o)) clear = certainly_clear(screener, o);
      }
      if (clear) {
        index_[i - begin] = -1;
        continue;
      }
      index_[i - begin] = static_cast<int32_t>(count++);
      for (int c = 0; c < kColumnCount; ++c) {
        if (PyObject* o = cols.item(c, i); o && PyUnicode_Check(o)) need += utf8_bound(o);
      }
    }
    if (utf8_.size() < need) utf8_.resize(std::max(need, 2 * utf8_.size()));
    records_.resize(count);
    if (results_.size() < count) results_.resize(count);
    char* out = utf8_.data();
    for (size_t i = begin; i < end; ++i) {
      if (index_[i - begin] < 0) continue;
      std::string_view v[kColumnCount];
      for (int c = 0; c < kColumnCount; ++c) {
        PyObject* o = cols.item(c, i);
        if (!o || !PyUnicode_Check(o)) continue;
        v[c] = utf8_into(o, out);
        if (v[c].data() == out) out += v[c].size();
      }
      records_[static_cast<size_t>(index_[i - begin])] =
          Record{.id = v[kId], .name = v[kName], .scope = v[kScope], .website = v[kWebsite],
                 .credit_code = v[kCreditCode], .new_registration = cols.new_registration(i)};
    }
    try {
      screener.screen(records_, std::span<Result>(results_.data(), count));
    } catch (const std::length_error&) {  // some record is too long: screen them one by one
      for (size_t j = 0; j < count; ++j) {
        try {
          screener.screen(records_[j], &results_[j]);
        } catch (const std::length_error& e) {
          results_[j] = Result();
          results_[j].decision = Decision::kError;
          results_[j].explanation = e.what();
          results_[j].warnings.push_back(e.what());
        }
      }
    }
  }

  // Record begin + j's result. A non-plain one may be moved from; a certainly clear record's is the
  // empty record's, which is plain.
  Result& result(size_t j) { return index_[j] < 0 ? clear_ : results_[static_cast<size_t>(index_[j])]; }
  // Record begin + j as screened (UTF-8 views into this chunk's buffer); not for a cleared one.
  const Record& record(size_t j) const { return records_[static_cast<size_t>(index_[j])]; }

 private:
  std::vector<int32_t> index_;  // per record of the chunk: its index in records_ and results_, or -1
  std::string utf8_;            // every non-ASCII str of the screened records, encoded one after another
  std::vector<Record> records_;
  std::vector<Result> results_;
  Result clear_;  // the Result of an empty record
  bool clear_made_ = false;
};

// A batch call over `cols`, chunk by chunk (batch_pipeline.h): the calling thread takes each chunk's
// input; a worker screens it (ChunkBuffers) and leaves one Slot per record with
// fill(chunk, count, slots) (GIL not held); the calling thread files the slots with
// file(begin, end, slots) (GIL held) and drops the chunk's input references.
template <class Slot, class Fill, class File>
void screen_chunks(const Screener& screener, Columns& cols, py::handle threads_arg, Fill&& fill, File&& file) {
  const size_t n_chunks = cols.chunks();
  const int threads = resolve_threads(threads_arg, n_chunks);
  const size_t window = static_cast<size_t>(threads) * 4;
  std::vector<Slot> slots(std::min(n_chunks, window) * cols.chunk);
  cols.start(window);
  run_pipeline<ChunkBuffers>(
      n_chunks, threads, window, [&](size_t k) { cols.prepare(cols.chunk_begin(k), cols.chunk_end(k)); },
      [&](size_t k, ChunkBuffers& chunk) {
        const size_t begin = cols.chunk_begin(k), end = cols.chunk_end(k);
        chunk.screen(screener, cols, begin, end);
        fill(chunk, end - begin, &slots[(k % window) * cols.chunk]);
      },
      [&](size_t k) {
        const size_t begin = cols.chunk_begin(k), end = cols.chunk_end(k);
        file(begin, end, &slots[(k % window) * cols.chunk]);
        cols.release(begin, end);
      });
}

// screen_many: a Results sequence (result_table.h). The calling thread only files each finished chunk
// into the table (no Python objects), so nearly all the CPU goes to the workers.
std::unique_ptr<ResultTable> screen_many(const PyScreener& self, Columns& cols, py::handle threads_arg) {
  struct Slot {
    bool plain = false;  // only decision, score and explanation are set (ResultTable::plain)
    PyResult result;
  };
  auto table = std::make_unique<ResultTable>();
  table->reserve(cols.n);
  screen_chunks<Slot>(
      self.screener, cols, threads_arg,
      [&](ChunkBuffers& chunk, size_t count, Slot* slot) {
        for (size_t j = 0; j < count; ++j, ++slot) {
          Result& r = chunk.result(j);
          slot->plain = ResultTable::plain(r);
          if (slot->plain) {  // most rows: the Result keeps its storage for the next chunk
            slot->result.decision = r.decision;
            slot->result.score = r.score;
            slot->result.explanation = r.explanation;
          } else {
            const Record& record = chunk.record(j);
            const std::string_view fields[kFieldCount] = {record.name, record.scope, record.website};
            take_result(&r, fields, &slot->result);
          }
        }
      },
      [&](size_t begin, size_t end, Slot* slot) {
        for (size_t i = begin; i < end; ++i, ++slot) {
          if (slot->plain) {
            table->add_plain(slot->result.decision, slot->result.score, slot->result.explanation);
          } else {
            table->add(std::move(slot->result));
          }
        }
      });
  table->set_ids(cols.ids_tuple());
  return table;
}

// ---- Results: the sequence screen_many returns -----------------------------------------------------------

// Python's index rules: negative from the end; IndexError outside.
size_t results_index(const ResultTable& t, Py_ssize_t i) {
  const Py_ssize_t n = static_cast<Py_ssize_t>(t.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw py::index_error("Results index out of range");
  return static_cast<size_t>(i);
}

struct ResultsIterator {
  py::object owner;  // the Results object, kept alive
  const ResultTable* table;
  size_t next = 0;
};

// _screen_columns: the result columns of screen_frame, built in bulk.
enum class HitsMode { kNone = 0, kJson = 1, kList = 2 };

struct Row {
  Decision decision = Decision::kClear;
  int score = 0;
  std::string categories;  // joined with \x1f: the key of a shared tuple
  std::string regulators;
  std::string explanation;
  std::string hits_json;    // HitsMode::kJson, rows with hits only
  std::vector<PyHit> hits;  // HitsMode::kList
};

void join_key(const std::vector<std::string>& v, std::string* out) {
  out->clear();
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back('\x1f');
    out->append(v[i]);
  }
}

// A numpy object array of n Nones, filled in place (each slot's reference is replaced).
struct ObjectColumn {
  py::array array;
  PyObject** data;
  explicit ObjectColumn(size_t n)
      : array(py::module_::import("numpy").attr("empty")(n, "dtype"_a = "object")),
        data(static_cast<PyObject**>(array.mutable_data())) {
    for (size_t i = 0; i < n; ++i) {
      if (!data[i]) data[i] = Py_NewRef(Py_None);
    }
  }
  void set(size_t i, py::handle v) {
    PyObject* old = data[i];
    data[i] = Py_NewRef(v.ptr());
    Py_XDECREF(old);
  }
};

// Python objects for values that repeat across rows: category tuples, explanations.
class Interner {
 public:
  explicit Interner(size_t limit) : limit_(limit) {}
  template <class Make>
  py::object get(const std::string& key, Make&& make) {
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    py::object v = make();
    if (cache_.size() < limit_) cache_.emplace(key, v);
    return v;
  }

 private:
  size_t limit_;
  std::unordered_map<std::string, py::object> cache_;
};

py::tuple split_key_tuple(const std::string& key) {
  if (key.empty()) return py::tuple();
  std::vector<std::string_view> parts;
  size_t from = 0;
  for (size_t at; (at = key.find('\x1f', from)) != std::string::npos; from = at + 1) {
    parts.push_back(std::string_view(key).substr(from, at - from));
  }
  parts.push_back(std::string_view(key).substr(from));
  py::tuple t(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) t[i] = to_py(parts[i]);
  return t;
}

py::dict screen_columns(const PyScreener& self, Columns& cols, py::handle threads_arg, HitsMode hits_mode) {
  const size_t n = cols.n;
  py::array_t<int8_t> decision(static_cast<py::ssize_t>(n));
  py::array_t<int64_t> score(static_cast<py::ssize_t>(n));
  int8_t* decision_data = decision.mutable_data();
  int64_t* score_data = score.mutable_data();
  ObjectColumn categories(n), regulators(n), explanation(n);
  std::optional<ObjectColumn> hits;
  if (hits_mode != HitsMode::kNone) hits.emplace(n);
  Interner tuples(1 << 16), explanations(1 << 14);
  const py::str no_hits_json("[]");

  screen_chunks<Row>(
      self.screener, cols, threads_arg,
      [&](ChunkBuffers& chunk, size_t count, Row* row) {
        for (size_t j = 0; j < count; ++j, ++row) {
          Result& r = chunk.result(j);
          row->decision = r.decision;
          row->score = r.score;
          join_key(r.categories, &row->categories);
          join_key(r.regulators, &row->regulators);
          row->explanation = r.explanation;
          row->hits_json.clear();
          row->hits.clear();
          if (!r.hits.empty() && hits_mode != HitsMode::kNone) {
            const Record& record = chunk.record(j);
            const std::string_view fields[kFieldCount] = {record.name, record.scope, record.website};
            take_hits(&r, fields, &row->hits);
            if (hits_mode == HitsMode::kJson) {
              append_hits_json(row->hits, &row->hits_json);
              row->hits.clear();
            }
          }
        }
      },
      [&](size_t begin, size_t end, Row* row) {
        for (size_t i = begin; i < end; ++i, ++row) {
          decision_data[i] = static_cast<int8_t>(row->decision);
          score_data[i] = row->score;
          categories.set(i, tuples.get(row->categories, [&] { return split_key_tuple(row->categories); }));
          regulators.set(i, tuples.get(row->regulators, [&] { return split_key_tuple(row->regulators); }));
          explanation.set(i, explanations.get(row->explanation, [&] { return to_py(row->explanation); }));
          if (hits_mode == HitsMode::kJson) {
            hits->set(i, row->hits_json.empty() ? py::object(no_hits_json) : to_py(row->hits_json));
          } else if (hits_mode == HitsMode::kList) {
            hits->set(i, hits_to_dicts(row->hits));
          }
        }
      });

  py::dict out;
  out["decision"] = decision;
  out["score"] = score;
  out["categories"] = categories.array;
  out["regulators"] = regulators.array;
  out["explanation"] = explanation.array;
  if (hits) out["hits"] = hits->array;
  return out;
}

std::array<std::string, kColumnCount> labels_from(py::handle labels) {
  std::array<std::string, kColumnCount> out = {"names", "scopes", "websites", "ids", "credit_codes"};
  if (labels.is_none()) return out;
  py::tuple t = py::reinterpret_borrow<py::object>(labels).cast<py::tuple>();
  if (t.size() != kColumnCount) throw py::value_error("labels must have 5 items");
  for (int c = 0; c < kColumnCount; ++c) out[c] = t[c].cast<std::string>();
  return out;
}

}  // namespace
}  // namespace regscreen::python

PYBIND11_MODULE(_regscreen, m) {
  using namespace regscreen;
  using namespace regscreen::python;

  m.doc() = "regscreen C++ core (use the `regscreen` package, not this module directly).";
  m.attr("DEFAULT_POLICY_DIR") = REGSCREEN_PYTHON_DEFAULT_POLICY_DIR;
  {
    py::list decisions;
    for (Decision d : {Decision::kClear, Decision::kReview, Decision::kRefer, Decision::kExempt, Decision::kHold,
                       Decision::kError}) {
      if (static_cast<size_t>(d) != decisions.size()) throw std::logic_error("Decision values are not 0..5");
      decisions.append(to_py(to_string(d)));
    }
    // Index = the int8 codes of _screen_columns()["decision"].
    m.attr("DECISIONS") = py::tuple(decisions);
  }

  policy_error_type = PyErr_NewExceptionWithDoc(
      "regscreen.PolicyError",
      "Policy data (a profile, the lexicon, a licensed list) could not be loaded.\n\n"
      "Attributes: file (str), line (int, 0 when not known), message (str without the location).",
      PyExc_ValueError, nullptr);
  if (!policy_error_type) throw py::error_already_set();
  m.attr("PolicyError") = py::reinterpret_borrow<py::object>(policy_error_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const PolicyError& e) {
      py::object err = py::reinterpret_borrow<py::object>(policy_error_type)(to_py(e.what()));
      err.attr("file") = to_py(e.file());
      err.attr("line") = e.line();
      err.attr("message") = to_py(e.message());
      PyErr_SetObject(policy_error_type, err.ptr());
    }
  });

  py::class_<PyHit>(m, "Hit", "One occurrence of a restricted term in one field of a record.")
      .def_property_readonly("term", [](const PyHit& h) { return to_py(h.hit.term); }, "The lexicon term.")
      .def_property_readonly("category", [](const PyHit& h) { return to_py(h.hit.category); },
                             "Canonical category id, e.g. 'wealth_management'.")
      .def_property_readonly("field", [](const PyHit& h) { return to_py(to_string(h.hit.field)); },
                             "'name', 'scope' or 'website'.")
      .def_property_readonly("start", [](const PyHit& h) { return h.start; },
                             "Index of the first character in the field's str: field[start:end] == text.")
      .def_property_readonly("end", [](const PyHit& h) { return h.end; }, "Index one past the last character.")
      .def_property_readonly("byte_start", [](const PyHit& h) { return h.hit.start; },
                             "UTF-8 byte offset of the first byte (as in the CLI's JSON output).")
      .def_property_readonly("byte_end", [](const PyHit& h) { return h.hit.end; },
                             "UTF-8 byte offset one past the last byte.")
      .def_property_readonly("text", [](const PyHit& h) { return to_py(h.hit.text); },
                             "The original characters, as written in the record (spaces, full-width forms...).")
      .def_property_readonly("status", [](const PyHit& h) { return to_py(to_string(h.hit.status)); },
                             "'affirmative', 'negated' or 'not_the_word'.")
      .def_property_readonly("name_part", [](const PyHit& h) { return to_py(to_string(h.hit.name_part)); },
                             "Part of the enterprise name: 'region', 'trade_name', 'industry', 'legal_form' "
                             "or 'none'.")
      .def_property_readonly("weight", [](const PyHit& h) { return h.hit.weight; },
                             "Contribution to the score (0 unless affirmative).")
      .def_property_readonly("reason", [](const PyHit& h) { return to_py(h.hit.reason); },
                             "One line: why this status and weight.")
      .def("to_dict", &hit_to_dict, "The hit as a dict of plain Python values.")
      .def("__eq__", [](const PyHit& a, py::handle b) -> py::object {
        if (!py::isinstance<PyHit>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(same_hit(a, b.cast<const PyHit&>()));
      })
      .def("__repr__", &hit_repr)
      .def("__reduce__", [](const PyHit& h) {
        return py::make_tuple(py::module_::import("regscreen").attr("_unpickle_hit"),
                              py::make_tuple(hit_state(h)));
      });
  m.attr("Hit").attr("__hash__") = py::none();

  py::class_<PyResult>(m, "Result",
                       "The screening of one record. A referral with evidence, not a verdict: only the "
                       "regulators decide a violation.")
      .def_property_readonly("decision", [](const PyResult& r) { return to_py(to_string(r.decision)); },
                             "'refer', 'review', 'clear', 'exempt' or 'hold'.")
      .def_property_readonly("score", [](const PyResult& r) { return r.score; }, "0..100.")
      .def_property_readonly("categories", [](const PyResult& r) { return to_py_list(r.categories); },
                             "Categories of the affirmative hits, sorted, unique.")
      .def_property_readonly("regulators", [](const PyResult& r) { return to_py_list(r.regulators); },
                             "Lead departments to notify under the profile.")
      .def_property_readonly("explanation", [](const PyResult& r) { return to_py(r.explanation); },
                             "One line summarising the decision.")
      .def_property_readonly("warnings", [](const PyResult& r) { return to_py_list(r.warnings); },
                             "Problems with the input, e.g. invalid characters.")
      .def_property_readonly("hits", [](const PyResult& r) {
        py::list out(r.hits.size());
        for (size_t i = 0; i < r.hits.size(); ++i) out[i] = py::cast(r.hits[i]);
        return out;
      }, "Every occurrence of every term, in (field, start, term) order, as Hit objects.")
      .def_property_readonly("id", [](const PyResult& r) { return r.id; }, "The id passed in, or None.")
      .def("to_dict", &result_to_dict, "The result as a dict of plain Python values (hits as dicts).")
      .def("__eq__", [](const PyResult& a, py::handle b) -> py::object {
        if (!py::isinstance<PyResult>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(same_result(a, b.cast<const PyResult&>()));
      })
      .def("__repr__", &result_repr)
      .def("__reduce__", [](const PyResult& r) {
        return py::make_tuple(py::module_::import("regscreen").attr("_unpickle_result"),
                              py::make_tuple(result_state(r)));
      });
  m.attr("Result").attr("__hash__") = py::none();

  py::class_<ResultsIterator>(m, "_ResultsIterator")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", [](ResultsIterator& it) {
        if (it.next >= it.table->size()) throw py::stop_iteration();
        return it.table->get(it.next++);
      });

  py::class_<ResultTable>(m, "Results",
                          "The results of Screener.screen_many(), in input order: a read-only sequence of Result "
                          "(len, indexing, slicing, iteration). Result objects are made when read, each time "
                          "anew; decisions and scores are read without making them.")
      .def("__len__", &ResultTable::size)
      .def("__getitem__", [](const ResultTable& t, Py_ssize_t i) { return t.get(results_index(t, i)); })
      .def("__getitem__",
           [](const ResultTable& t, const py::slice& slice) {
             size_t start, stop, step, length;
             if (!slice.compute(t.size(), &start, &stop, &step, &length)) throw py::error_already_set();
             py::list out(length);
             for (size_t k = 0; k < length; ++k, start += step) out[k] = py::cast(t.get(start));
             return out;
           })
      .def("__iter__", [](py::object self) {
        return ResultsIterator{self, &self.cast<const ResultTable&>(), 0};
      })
      .def_property_readonly(
          "decisions",
          [](const ResultTable& t) {
            std::array<py::str, static_cast<size_t>(Decision::kError) + 1> names;
            for (size_t d = 0; d < names.size(); ++d) names[d] = to_py(to_string(static_cast<Decision>(d)));
            py::list out(t.size());
            for (size_t i = 0; i < t.size(); ++i) {
              PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i),
                              Py_NewRef(names[static_cast<size_t>(t.decision(i))].ptr()));
            }
            return out;
          },
          "The decision of every record, as a list of str (no Result objects made).")
      .def(
          "select",
          [](const ResultTable& t, const py::args& decisions) {
            if (decisions.empty()) throw py::type_error("select() needs at least one decision, e.g. select('refer')");
            constexpr size_t kDecisions = static_cast<size_t>(Decision::kError) + 1;
            std::array<bool, kDecisions> wanted{};
            for (py::handle d : decisions) {
              if (!PyUnicode_Check(d.ptr())) throw py::type_error("select(): a decision is a str, not " + type_name(d));
              const std::string name = d.cast<std::string>();
              size_t code = 0;
              while (code < kDecisions && to_string(static_cast<Decision>(code)) != name) ++code;
              if (code == kDecisions) {
                throw py::value_error("select(): unknown decision '" + name +
                                      "' (one of clear, review, refer, exempt, hold, error)");
              }
              wanted[code] = true;
            }
            py::list out;
            for (size_t i = 0; i < t.size(); ++i) {
              if (wanted[static_cast<size_t>(t.decision(i))]) out.append(py::cast(t.get(i)));
            }
            return out;
          },
          "The Result of every record whose decision is one of `decisions` ('refer', 'review', ...), in input "
          "order: select('refer') is [r for r in results if r.decision == 'refer'] without a Result object "
          "for every other record.")
      .def_property_readonly(
          "scores",
          [](const ResultTable& t) {
            py::list out(t.size());
            for (size_t i = 0; i < t.size(); ++i) {
              PyObject* v = PyLong_FromLong(t.score(i));
              if (!v) throw py::error_already_set();
              PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), v);
            }
            return out;
          },
          "The score of every record, as a list of int (no Result objects made).")
      .def("__eq__", [](const ResultTable& a, py::handle b) -> py::object {
        // Equal to another Results or to a list or tuple of equal Results, in order.
        if (py::isinstance<ResultTable>(b)) {
          const ResultTable& t = b.cast<const ResultTable&>();
          if (t.size() != a.size()) return py::bool_(false);
          for (size_t i = 0; i < a.size(); ++i) {
            if (!same_result(a.get(i), t.get(i))) return py::bool_(false);
          }
          return py::bool_(true);
        }
        if (!PyList_Check(b.ptr()) && !PyTuple_Check(b.ptr())) {
          return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        }
        py::sequence seq = py::reinterpret_borrow<py::sequence>(b);
        if (seq.size() != a.size()) return py::bool_(false);
        for (size_t i = 0; i < a.size(); ++i) {
          py::object item = seq[i];
          if (!py::isinstance<PyResult>(item) || !same_result(a.get(i), item.cast<const PyResult&>())) {
            return py::bool_(false);
          }
        }
        return py::bool_(true);
      })
      .def("__repr__", [](const ResultTable& t) { return "<regscreen.Results: " + std::to_string(t.size()) + " records>"; })
      .def("__reduce__", [](py::object self) {
        // Pickles as a plain list of Result.
        return py::make_tuple(py::module_::import("builtins").attr("list"), py::make_tuple(py::list(self)));
      });
  m.attr("Results").attr("__hash__") = py::none();

  py::class_<PyScreener>(m, "Screener",
                         "A compiled jurisdiction profile. Immutable: share one between threads.")
      .def(py::init(&make_screener), py::arg("profile"), py::kw_only(), py::arg("policy_dir") = py::none(),
           py::arg("backend") = py::none(), py::arg("licensed_list") = py::none())
      .def("screen", &screen_one, py::arg("name") = py::str(""), py::arg("scope") = py::str(""), py::kw_only(),
           py::arg("website") = py::none(), py::arg("id") = py::none(), py::arg("credit_code") = py::none(),
           py::arg("new_registration") = false,
           "Screens one record and returns a Result. Releases the GIL while screening.")
      .def(
          "screen_many",
          [](const PyScreener& self, py::object names, py::object scopes, py::object websites, py::object ids,
             py::object credit_codes, py::object threads, py::object new_registration) {
            Columns cols({names, scopes, websites, ids, credit_codes}, new_registration, labels_from(py::none()),
                         MissingPolicy{});
            return screen_many(self, cols, threads);
          },
          py::arg("names"), py::arg("scopes"), py::arg("websites") = py::none(), py::arg("ids") = py::none(),
          py::arg("credit_codes") = py::none(), py::arg("threads") = py::none(), py::kw_only(),
          py::arg("new_registration") = false,
          "Screens many records on `threads` worker threads (default: one per core) with the GIL released, "
          "and returns a Results sequence, in input order.")
      .def(
          "_screen_columns",
          [](const PyScreener& self, py::object names, py::object scopes, py::object websites, py::object ids,
             py::object credit_codes, py::object new_registration, py::object threads, int hits,
             py::object labels, py::tuple na_values) {
            if (hits < 0 || hits > 2) throw py::value_error("hits mode must be 0, 1 or 2");
            Columns cols({names, scopes, websites, ids, credit_codes}, new_registration, labels_from(labels),
                         MissingPolicy{true, na_values});
            return screen_columns(self, cols, threads, static_cast<HitsMode>(hits));
          },
          py::arg("names"), py::arg("scopes"), py::arg("websites"), py::arg("ids"), py::arg("credit_codes"),
          py::arg("new_registration"), py::arg("threads"), py::arg("hits"), py::arg("labels"),
          py::arg("na_values"),
          "Internal (regscreen.screen_frame): result columns as numpy arrays. hits: 0 none, 1 JSON, 2 dicts.")
      .def_property_readonly("profile", [](const PyScreener& s) { return to_py(s.screener.policy().profile_id); },
                             "The profile id, e.g. 'national'.")
      .def_property_readonly("title", [](const PyScreener& s) { return to_py(s.screener.policy().title); },
                             "The profile's human title.")
      .def_property_readonly("profile_file",
                             [](const PyScreener& s) { return to_py(s.screener.policy().profile_file.string()); },
                             "The profile file that was loaded.")
      .def_property_readonly("policy_dir", [](const PyScreener& s) { return to_py(s.policy_dir.string()); },
                             "The policy directory the profile was loaded from.")
      .def_property_readonly("backend", [](const PyScreener& s) { return to_py(s.screener.backend_name()); },
                             "The matcher: 'hyperscan' or an Aho-Corasick variant ('aho-corasick-dfa', ...).");

  m.def("_hit_from_state", &hit_from_state, py::arg("state"), "Internal: unpickles a Hit.");
  m.def("_result_from_state", &result_from_state, py::arg("state"), "Internal: unpickles a Result.");
  m.def(
      "_utf8",
      [](py::str s) {
        if (!prepare_str(s.ptr())) throw py::error_already_set();
        std::string buffer;
        const std::string_view v = utf8_of(s.ptr(), &buffer);
        return py::bytes(v.data(), v.size());
      },
      py::arg("s"),
      "Internal (tests): the UTF-8 the batch workers read for a str (lone surrogates as 3 bytes, like "
      "str.encode('utf-8', 'surrogatepass')).");
  m.def(
      "profiles",
      [](py::object policy_dir) {
        const std::filesystem::path dir = optional_path(policy_dir, "policy_dir").value_or(std::filesystem::path());
        std::vector<std::string> ids;
        {
          py::gil_scoped_release release;
          ids = Screener::bundled_profiles(dir);
        }
        return to_py_list(ids);
      },
      py::arg("policy_dir") = py::none(), "Ids of the bundled profiles in the policy directory.");
}
