/**
 * SQLSTATE helpers. Application errors without a kind of their own are one
 * kind, `sql_error`, rather than one kind per class: a class changes nothing
 * in how the entry is stored, shown or joined, so it stays data
 * (`sqlstateClass(code)`) instead of forty more kinds that every stage would
 * have to handle.
 */

/** `23505` → `23`. */
export const sqlstateClass = (code: string): string => code.slice(0, 2);

/** Codes that mean "not an error" in csvlog/jsonlog/%e (success, warning, no data). */
export function isErrorSqlstate(code: string): boolean {
  const c = code.slice(0, 2);
  return c !== '00' && c !== '01' && c !== '02';
}

/** Class names from PostgreSQL's errcodes.txt (Appendix A). */
export const SQLSTATE_CLASS_NAMES: Readonly<Record<string, string>> = {
  '00': 'successful_completion',
  '01': 'warning',
  '02': 'no_data',
  '03': 'sql_statement_not_yet_complete',
  '08': 'connection_exception',
  '09': 'triggered_action_exception',
  '0A': 'feature_not_supported',
  '0B': 'invalid_transaction_initiation',
  '0F': 'locator_exception',
  '0L': 'invalid_grantor',
  '0P': 'invalid_role_specification',
  '0Z': 'diagnostics_exception',
  '20': 'case_not_found',
  '21': 'cardinality_violation',
  '22': 'data_exception',
  '23': 'integrity_constraint_violation',
  '24': 'invalid_cursor_state',
  '25': 'invalid_transaction_state',
  '26': 'invalid_sql_statement_name',
  '27': 'triggered_data_change_violation',
  '28': 'invalid_authorization_specification',
  '2B': 'dependent_privilege_descriptors_still_exist',
  '2D': 'invalid_transaction_termination',
  '2F': 'sql_routine_exception',
  '34': 'invalid_cursor_name',
  '38': 'external_routine_exception',
  '39': 'external_routine_invocation_exception',
  '3B': 'savepoint_exception',
  '3D': 'invalid_catalog_name',
  '3F': 'invalid_schema_name',
  '40': 'transaction_rollback',
  '42': 'syntax_error_or_access_rule_violation',
  '44': 'with_check_option_violation',
  '53': 'insufficient_resources',
  '54': 'program_limit_exceeded',
  '55': 'object_not_in_prerequisite_state',
  '57': 'operator_intervention',
  '58': 'system_error',
  '72': 'snapshot_too_old',
  'F0': 'config_file_error',
  'HV': 'fdw_error',
  'P0': 'plpgsql_error',
  'XX': 'internal_error',
};
