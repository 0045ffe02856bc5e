# Reliability tests (included by tests/CMakeLists.txt; docs/RELIABILITY.md): the ones that read input
# through the CLI's readers or run the `regscreen` command link the CLI's sources (regscreen_cli_core,
# defined in cli.cmake, which is included before this file) and depend on the binary.
foreach(t IN ITEMS fuzz_regressions_test hostile_cli_test)
  if(TARGET ${t} AND TARGET regscreen_cli_core)
    target_link_libraries(${t} PRIVATE regscreen_cli_core)
    target_compile_definitions(${t} PRIVATE REGSCREEN_HAVE_CLI_CORE=1)
    add_dependencies(${t} regscreen_cli)
  endif()
endforeach()
