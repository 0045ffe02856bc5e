// A batch of records screened by worker threads while the calling (Python) thread takes the input of
// later chunks and converts finished chunks into Python objects, in order.
//
// Why a pipeline rather than "screen everything, then convert": the conversion needs the GIL and runs on
// one thread, so overlapping it with the screening of later chunks keeps both cores busy, and only a
// bounded window of chunks is ever held in C++ form (a million full Result structs would be ~200 MB).
//
//   run_pipeline(n_chunks, threads, window,
//                [&](size_t chunk) { ... take the chunk's input, GIL held ... },
//                [&](size_t chunk, Worker& w) { ... screen the chunk, GIL not held ... },
//                [&](size_t chunk) { ... convert the chunk, GIL held ... });
//
// A chunk is prepared before any worker may screen it: the first `window` chunks up front, then chunk
// k + window right after chunk k is converted, while the workers screen the chunks in between.
//
// Workers never touch Python objects' reference counts or call the Python API. The calling thread
// releases the GIL whenever it waits for a chunk, checks for signals (Ctrl-C) between chunks, and on any
// error (a worker's C++ exception, a Python exception while converting) stops and joins the workers
// before the error propagates.
#pragma once

#include <pybind11/pybind11.h>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace regscreen::python {

// `window` is the number of chunks that may be prepared ahead of the conversion; chunk k lives in slot
// k % window of the caller's storage. Prepare(size_t chunk), Screen(size_t chunk, Worker&) and
// Convert(size_t chunk).
template <class Worker, class Prepare, class Screen, class Convert>
void run_pipeline(size_t n_chunks, int threads, size_t window, Prepare&& prepare, Screen&& screen,
                  Convert&& convert) {
  namespace py = pybind11;
  if (threads <= 1) {
    Worker worker;
    for (size_t k = 0; k < n_chunks; ++k) {
      prepare(k);
      {
        py::gil_scoped_release release;
        screen(k, worker);
      }
      convert(k);
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
    return;
  }

  struct Shared {
    std::mutex mu;
    std::condition_variable chunk_done;   // a worker finished a chunk, or failed
    std::condition_variable slot_free;    // the caller prepared a chunk, or the run stops
    size_t next = 0;                      // next chunk to claim
    size_t prepared = 0;                  // chunks prepared so far (those below may be claimed)
    std::vector<char> done;               // per slot
    bool stop = false;
    std::exception_ptr error;
  } sh;
  sh.done.assign(window, 0);

  auto work = [&] {
    Worker worker;
    std::unique_lock lock(sh.mu);
    while (!sh.stop && sh.next < n_chunks) {
      if (sh.next >= sh.prepared) {
        sh.slot_free.wait(lock);
        continue;
      }
      const size_t k = sh.next++;
      lock.unlock();
      try {
        screen(k, worker);
      } catch (...) {
        lock.lock();
        if (!sh.error) sh.error = std::current_exception();
        sh.stop = true;
        sh.chunk_done.notify_all();
        sh.slot_free.notify_all();
        return;
      }
      lock.lock();
      sh.done[k % window] = 1;
      sh.chunk_done.notify_all();
    }
  };

  std::vector<std::thread> workers;
  // Stops and joins the workers on every way out of this function, exceptions included. Workers never
  // take the GIL, so joining while holding it cannot deadlock.
  struct Joiner {
    Shared& sh;
    std::vector<std::thread>& workers;
    ~Joiner() {
      {
        std::lock_guard lock(sh.mu);
        sh.stop = true;
      }
      sh.slot_free.notify_all();
      for (std::thread& t : workers) t.join();
    }
  } joiner{sh, workers};
  const size_t ahead = std::min(window, n_chunks);
  for (size_t k = 0; k < ahead; ++k) prepare(k);
  sh.prepared = ahead;
  workers.reserve(threads);
  for (int i = 0; i < threads; ++i) workers.emplace_back(work);

  for (size_t k = 0; k < n_chunks; ++k) {
    {
      py::gil_scoped_release release;
      std::unique_lock lock(sh.mu);
      sh.chunk_done.wait(lock, [&] { return sh.done[k % window] || sh.error; });
      if (sh.error) std::rethrow_exception(sh.error);
    }
    convert(k);
    {
      std::lock_guard lock(sh.mu);
      sh.done[k % window] = 0;
    }
    if (k + window < n_chunks) {
      prepare(k + window);  // into the slot just freed
      std::lock_guard lock(sh.mu);
      sh.prepared = k + window + 1;
    }
    sh.slot_free.notify_all();
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  }
}

}  // namespace regscreen::python
