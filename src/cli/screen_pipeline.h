// The bulk screening pipeline: batches of records read in the calling thread, screened by worker threads
// that share one Screener, written in input order by a writer thread.
//
//   reader (calling thread) --batches, numbered--> work queue --> N workers (screen, format rows)
//        ^                                                              |
//        +--- at most max_in_flight batches between read and written ---+--> writer (in order) --> sink
//
// Memory is bounded by max_in_flight batches of batch_size records, whatever the input size. With one
// thread everything runs in the calling thread, one batch at a time (the baseline for the scaling figures).
//
// Buffers go round rather than being freed by another thread than the one that allocated them (glibc's
// free() of another thread's block costs several times a local one; it was a tenth of the CPU of a
// 2-thread run): after writing, the writer hands a batch's records back to the reader, which reuses the
// InputRecords (their old strings are freed where they were made), and its row buffer to the workers.
// The source must therefore fill batch->records in place: overwrite the InputRecords it finds there.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cli/input_record.h"
#include "cli/output_rows.h"
#include "cli/run_stats.h"
#include "regscreen/screener.h"

namespace regscreen::cli {

struct Batch {
  uint64_t seq = 0;
  size_t input = 0;  // index of the input the records come from
  std::vector<InputRecord> records;  // may hold recycled records: size() is what the source filled
  uint64_t bytes_consumed = 0;  // input bytes consumed when the batch was complete (for progress)
  // Filled by screen_batch():
  std::string rows;
  std::map<std::string, std::pair<std::string, uint64_t>> referrals;  // regulator -> (CSV rows, count)
  RunStats stats;
};

struct PipelineOptions {
  OutputFormat format = OutputFormat::kJsonl;
  int threads = 1;
  size_t batch_size = 4096;
  bool referrals = false;
  std::vector<std::string> input_names;  // for error notes; with several inputs error rows name theirs
};

// Screens every record of *batch: formats its rows (appended to batch->rows), its referral rows, and its
// stats.
void screen_batch(const Screener& screener, const PipelineOptions& options, Batch* batch);

// Fills *batch with up to batch_size records of one input, reusing the InputRecords already in
// batch->records and resizing it to the number filled; returns false (batch left empty) at the end.
using BatchSource = std::function<bool(Batch*)>;
// Receives screened batches in input order (in the writer thread). It may take the stats and referrals;
// the records and rows are recycled after it returns.
using BatchSink = std::function<void(Batch&)>;

// Runs the pipeline until the source is exhausted. An exception thrown by the source, the sink or a
// worker stops the run and is rethrown here once every thread has stopped.
void run_pipeline(const Screener& screener, const PipelineOptions& options, const BatchSource& source,
                  const BatchSink& sink);

}  // namespace regscreen::cli
