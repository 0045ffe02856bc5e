# Tests of the `regscreen` command (tests/cli_*_test.cc).
# The unit tests compile the CLI's own sources (src/cli/ without main.cc) through a small static library;
# the end-to-end tests spawn ${REGSCREEN_BINARY_DIR}/regscreen, so every CLI test target depends on it.
if(TARGET regscreen_cli)
  file(GLOB REGSCREEN_CLI_CORE_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/cli/*.cc)
  list(FILTER REGSCREEN_CLI_CORE_SOURCES EXCLUDE REGEX "/src/cli/main\\.cc$")
  find_library(CSV_LIBRARY csv REQUIRED)
  add_library(regscreen_cli_core STATIC ${REGSCREEN_CLI_CORE_SOURCES})
  target_include_directories(regscreen_cli_core PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(regscreen_cli_core PUBLIC regscreen CLI11::CLI11 nlohmann_json::nlohmann_json
    Boost::locale ICU::uc ${CSV_LIBRARY})

  file(GLOB REGSCREEN_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli_*_test.cc)
  foreach(src ${REGSCREEN_CLI_TESTS})
    get_filename_component(name ${src} NAME_WE)
    target_link_libraries(${name} PRIVATE regscreen_cli_core)
    add_dependencies(${name} regscreen_cli)
  endforeach()
endif()
