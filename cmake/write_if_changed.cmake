# write_if_changed.cmake: rdsca_write_if_changed(PATH CONTENT), for the generator scripts run with
# cmake -P (embed.cmake, partitions.cmake). Rewrites PATH (through a temporary file and a rename)
# only when CONTENT differs, so an unchanged input set does not recompile.
function(rdsca_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}.tmp" "${content}")
  file(RENAME "${path}.tmp" "${path}")
endfunction()
