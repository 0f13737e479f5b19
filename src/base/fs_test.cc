#include "base/fs.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <future>

#include "base/error.h"
#include "test_util.h"

using rdsca::fs::IsAtomicTempName;
using rdsca::fs::ListDir;
using rdsca::fs::ReadFile;
using rdsca::fs::WriteFileAtomic;

TEST_CASE("WriteFileAtomic writes the bytes with the mode and leaves no temporary file") {
  rdsca::testing::TempDir tmp;
  auto path = tmp.path() / "a" / "b" / "file.txt";
  WriteFileAtomic(path, std::string("x\0y", 3), 0644);
  CHECK(ReadFile(path, "test file") == std::string("x\0y", 3));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);
  REQUIRE(::stat(path.parent_path().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
  CHECK(ListDir(path.parent_path()) == std::vector<std::string>{"file.txt"});
  WriteFileAtomic(path, "new", 0755);
  CHECK(ReadFile(path, "test file") == "new");
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
}

TEST_CASE("ReadFile names what it could not read") {
  rdsca::testing::TempDir tmp;
  auto missing = tmp.path() / "nope";
  CHECK_THROWS_WITH_AS(ReadFile(missing, "VCAP_SERVICES_FILE_PATH"),
                       ("cannot read VCAP_SERVICES_FILE_PATH at " + missing.string() +
                        ": No such file or directory").c_str(),
                       rdsca::Failure);
  WriteFileAtomic(tmp.path() / "big", std::string(100, 'x'));
  CHECK_THROWS_WITH_AS(ReadFile(tmp.path() / "big", "bundle", 10),
                       ("bundle at " + (tmp.path() / "big").string() +
                        " is 100 bytes, more than the 10 this reads").c_str(),
                       rdsca::Failure);
}

TEST_CASE("ListDir is sorted and empty for a missing directory") {
  rdsca::testing::TempDir tmp;
  WriteFileAtomic(tmp.path() / "b", "");
  WriteFileAtomic(tmp.path() / "a", "");
  WriteFileAtomic(tmp.path() / "C", "");
  CHECK(ListDir(tmp.path()) == std::vector<std::string>{"C", "a", "b"});
  CHECK(ListDir(tmp.path() / "none").empty());
}

TEST_CASE("ReplaceDir swaps a directory in whole") {
  rdsca::testing::TempDir tmp;
  WriteFileAtomic(tmp.path() / "store" / "old.pem", "old");
  WriteFileAtomic(tmp.path() / "store.new" / "new.pem", "new");
  rdsca::fs::ReplaceDir(tmp.path() / "store.new", tmp.path() / "store");
  CHECK(ListDir(tmp.path() / "store") == std::vector<std::string>{"new.pem"});
  CHECK(ListDir(tmp.path()) == std::vector<std::string>{"store"});
}

TEST_CASE("ReplaceDir installs a directory where none was") {
  rdsca::testing::TempDir tmp;
  WriteFileAtomic(tmp.path() / "store.new" / "a.pem", "a");
  rdsca::fs::ReplaceDir(tmp.path() / "store.new", tmp.path() / "store");
  CHECK(ListDir(tmp.path()) == std::vector<std::string>{"store"});
  CHECK(ReadFile(tmp.path() / "store" / "a.pem", "test file") == "a");
}

TEST_CASE("CopyFileAtomic streams the bytes, keeps the executable bit and leaves no temporary") {
  rdsca::testing::TempDir tmp;
  std::string big;
  for (int i = 0; i < 300000; ++i) big += static_cast<char>(i * 7 % 256);  // past one chunk, not a multiple
  WriteFileAtomic(tmp.path() / "tool", big, 0750);
  WriteFileAtomic(tmp.path() / "data", std::string("a\0b", 3), 0600);
  rdsca::fs::CopyFileAtomic(tmp.path() / "tool", tmp.path() / "out" / "tool");
  rdsca::fs::CopyFileAtomic(tmp.path() / "data", tmp.path() / "out" / "data");
  CHECK(ReadFile(tmp.path() / "out" / "tool", "copy") == big);
  CHECK(ReadFile(tmp.path() / "out" / "data", "copy") == std::string("a\0b", 3));
  struct stat st {};
  REQUIRE(::stat((tmp.path() / "out" / "tool").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
  REQUIRE(::stat((tmp.path() / "out" / "data").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);
  WriteFileAtomic(tmp.path() / "data", "shorter", 0755);  // over an existing copy
  rdsca::fs::CopyFileAtomic(tmp.path() / "data", tmp.path() / "out" / "data");
  CHECK(ReadFile(tmp.path() / "out" / "data", "copy") == "shorter");
  REQUIRE(::stat((tmp.path() / "out" / "data").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
  CHECK(ListDir(tmp.path() / "out") == std::vector<std::string>{"data", "tool"});
}

TEST_CASE("CopyFileAtomic names what it could not read or write") {
  rdsca::testing::TempDir tmp;
  const auto missing = tmp.path() / "nope";
  CHECK_THROWS_WITH_AS(rdsca::fs::CopyFileAtomic(missing, tmp.path() / "to"),
                       ("cannot read " + missing.string() + ": No such file or directory").c_str(), rdsca::Failure);
  CHECK_THROWS_WITH_AS(rdsca::fs::CopyFileAtomic(tmp.path(), tmp.path() / "to"),
                       ("cannot read file at " + tmp.path().string() +
                        ": not a regular file (a FIFO, a device or a directory): give the path of a file")
                           .c_str(),
                       rdsca::Failure);
  WriteFileAtomic(tmp.path() / "from", "x");
  WriteFileAtomic(tmp.path() / "blocker", "a file where a directory should be");
  CHECK_THROWS_WITH_AS(rdsca::fs::CopyFileAtomic(tmp.path() / "from", tmp.path() / "blocker" / "to"),
                       ("cannot create directory " + (tmp.path() / "blocker").string() + ": a file is in the way").c_str(),
                       rdsca::Failure);
  CHECK(ListDir(tmp.path()) == std::vector<std::string>{"blocker", "from"});
}

TEST_CASE("SkipFsync is scoped and nests; files written under it are still whole and atomic") {
  rdsca::testing::TempDir tmp;
  CHECK_FALSE(rdsca::fs::SkipFsync::Active());
  {
    const rdsca::fs::SkipFsync outer;
    CHECK(rdsca::fs::SkipFsync::Active());
    {
      const rdsca::fs::SkipFsync inner;
      WriteFileAtomic(tmp.path() / "a", "bytes", 0600);
    }
    CHECK(rdsca::fs::SkipFsync::Active());
    rdsca::fs::CopyFileAtomic(tmp.path() / "a", tmp.path() / "b");
  }
  CHECK_FALSE(rdsca::fs::SkipFsync::Active());
  CHECK(ReadFile(tmp.path() / "b", "copy") == "bytes");
  struct stat st {};
  REQUIRE(::stat((tmp.path() / "a").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(ListDir(tmp.path()) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("IsAtomicTempName knows the temporaries of WriteFileAtomic and nothing else") {
  CHECK(IsAtomicTempName("config.yml.tmp-4242-917331"));
  CHECK(IsAtomicTempName("rds-ca.tmp-1-0"));
  CHECK_FALSE(IsAtomicTempName("config.yml"));
  CHECK_FALSE(IsAtomicTempName(".tmp-1-2"));              // no NAME before it
  CHECK_FALSE(IsAtomicTempName("a.tmp-1-"));              // no N
  CHECK_FALSE(IsAtomicTempName("a.tmp-12a-3"));           // PID not digits
  CHECK_FALSE(IsAtomicTempName("a.tmp-1-2-3"));           // more than PID-N
  CHECK_FALSE(IsAtomicTempName("backup.tmp-notes.txt"));  // an app's own file
}

TEST_CASE("ReadFile refuses a FIFO at once: its open does not wait for a writer") {
  rdsca::testing::TempDir tmp;
  const auto fifo = tmp.path() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto read = std::async(std::launch::async, [&] {
    try {
      ReadFile(fifo, "the VCAP_SERVICES_FILE_PATH file");
      return std::string("read");
    } catch (const rdsca::Failure& e) {
      return std::string(e.what());
    }
  });
  // Ample for a call that does not block; a blocked open is let go (a writer comes and goes)
  // so that the test ends either way.
  const bool done = read.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  if (!done) ::close(::open(fifo.c_str(), O_WRONLY | O_CLOEXEC));
  CHECK_MESSAGE(done, "ReadFile blocked in open(2) on a FIFO");
  CHECK(read.get() == "cannot read the VCAP_SERVICES_FILE_PATH file at " + fifo.string() +
                          ": not a regular file (a FIFO, a device or a directory): give the path of a file");
}
