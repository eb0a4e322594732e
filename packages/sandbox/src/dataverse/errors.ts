import type { SimResponse } from '../http/types';

/**
 * Dataverse's errors, in one place. The body is always `{"error":{"code":"0x…","message":"…"}}` (DATAVERSE.md,
 * "Reading"); each factory cites the reference or the Microsoft page its code and message follow. Thrown inside the
 * org and turned into a response at its edge.
 */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toResponse(): SimResponse {
    return {
      status: this.status,
      headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
      body: JSON.stringify({ error: { code: this.code, message: this.message } }),
    };
  }
}

/** frodata/error_resource_not_found.json (real response): unknown entity set or segment, 404. */
export function resourceNotFound(segment: string): DataverseError {
  return new DataverseError(404, '0x8006088a', `Resource not found for the segment '${segment}'.`);
}

/** mslearn-examples/error_404_if_match_star_prevent_create.json: "<table> With Id = <id> Does Not Exist"; the doc
 * shows an empty code, real orgs answer 0x80040217 (ObjectDoesNotExist, web service error codes). */
export function recordNotFound(table: string, id: string): DataverseError {
  return new DataverseError(404, '0x80040217', `${table} With Id = ${id} Does Not Exist`);
}

/** Alternate key that matches no row (If-Match: * upsert, or a GET by key): 404, ObjectDoesNotExist. */
export function keyNotFound(table: string, keyText: string): DataverseError {
  return new DataverseError(
    404,
    '0x80040217',
    `A record with the specified key values does not exist in ${table} entity (${keyText})`,
  );
}

/** mslearn-examples/error_412_if_none_match_star_prevent_update.json; code 0x80040237 (DuplicateRecord). */
export function recordExists(): DataverseError {
  return new DataverseError(412, '0x80040237', 'A record with matching key values already exists.');
}

/** mslearn-examples/error_412_etag_mismatch.json; code 0x80060882 (ConcurrencyVersionMismatch). */
export function versionMismatch(): DataverseError {
  return new DataverseError(
    412,
    '0x80060882',
    "The version of the existing record doesn't match the RowVersion property provided.",
  );
}

/** Creating a row whose alternate key values another row holds: DuplicateRecord, 412 through the Web API. */
export function duplicateKey(table: string, key: string): DataverseError {
  return new DataverseError(
    412,
    '0x80040237',
    `A record that has the attribute values ${key} already exists on ${table}. The entity key requires that this set of attributes contains unique values.`,
  );
}

/** mslearn-examples/error_duplicate_detection_0x80040333.json (the doc shows HTTP 500). */
export function duplicateDetected(): DataverseError {
  return new DataverseError(
    500,
    '0x80040333',
    'A record was not created or updated because a duplicate of the current record already exists.',
  );
}

/** The message the troubleshooting page "Web API client errors" documents for an unknown column in a query; the
 * brief's code for a missing property, 0x80060888. */
export function unknownQueryProperty(property: string, table: string): DataverseError {
  return new DataverseError(
    400,
    '0x80060888',
    `Could not find a property named '${property}' on type 'Microsoft.Dynamics.CRM.${table}'.`,
  );
}

/** An unknown column in a payload: 0x80048d19 ("Error identified in Payload provided by the user") with the OData
 * reader's message. */
export function unknownPayloadProperty(property: string, table: string): DataverseError {
  return new DataverseError(
    400,
    '0x80048d19',
    `Error identified in Payload provided by the user for Entity :'${table}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : Microsoft.OData.ODataException: The property '${property}' does not exist on type 'Microsoft.Dynamics.CRM.${table}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  );
}

/** A value of the wrong type in a payload (the OData reader's conversion error, reported as 0x80048d19). */
export function wrongType(property: string, table: string, expected: string): DataverseError {
  return new DataverseError(
    400,
    '0x80048d19',
    `Error identified in Payload provided by the user for Entity :'${table}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : Microsoft.OData.ODataException: Cannot convert the literal for property '${property}' to the expected type '${expected}'.`,
  );
}

/** mslearn-examples/batch_error_without_continue_on_error.response.http (real shape, code 0x80044331). */
export function tooLong(property: string, table: string, maxLength: number): DataverseError {
  return new DataverseError(
    400,
    '0x80044331',
    `A validation error occurred.  The length of the '${property}' attribute of the '${table}' entity exceeded the maximum allowed length of '${maxLength}'.`,
  );
}

/** PicklistValueOutOfRange, 0x8004431A (web service error codes). */
export function invalidOption(property: string, table: string, value: number): DataverseError {
  return new DataverseError(
    400,
    '0x8004431a',
    `A validation error occurred. The value ${value} of '${property}' on record of type '${table}' is outside the valid range.`,
  );
}

/** A number outside the column's MinValue..MaxValue (CDM minimumValue/maximumValue): InvalidArgument. */
export function outOfRange(property: string, table: string, value: string): DataverseError {
  return new DataverseError(
    400,
    '0x80040203',
    `A validation error occurred. The value ${value} of '${property}' on record of type '${table}' is outside the valid range.`,
  );
}

/** IsValidForCreate/IsValidForUpdate false: InvalidArgument 0x80040203. */
export function notValidFor(operation: 'create' | 'update', property: string, table: string): DataverseError {
  return new DataverseError(
    400,
    '0x80040203',
    `Field '${property}' is not valid for ${operation} on entity '${table}'.`,
  );
}

/** A SystemRequired column left empty: InvalidArgument 0x80040203. */
export function requiredMissing(property: string, table: string): DataverseError {
  return new DataverseError(400, '0x80040203', `Attribute '${property}' cannot be NULL (it is required on ${table}).`);
}

/** A lookup bound to a row that does not exist. */
export function bindTargetMissing(table: string, id: string): DataverseError {
  return new DataverseError(400, '0x80040217', `${table} With Id = ${id} Does Not Exist`);
}

/** A disabled user named as a record's owner: unManagedidsownernotenabled, 0x8004022B (web service error codes). */
export function ownerDisabled(): DataverseError {
  return new DataverseError(400, '0x8004022b', 'The specified owner has been disabled.');
}

/** An access team named as a record's owner: CannotAssignToAccessTeam, 0x80048340 (web service error codes). */
export function ownerIsAccessTeam(): DataverseError {
  return new DataverseError(
    400,
    '0x80048340',
    'You cannot assign a record to the access team. You can assign a record to the owner team.',
  );
}

/** Malformed request (bad JSON, bad URL syntax, unsupported query). */
export function badRequest(message: string, code = '0x80060888'): DataverseError {
  return new DataverseError(400, code, message);
}

/** Sales: a Submitted/Fulfilled/Canceled/Invoiced order is read-only (DATAVERSE.md; Sales privacy doc: "Cannot
 * perform the action because the record is read only"). The code 0x8004431a is the one the brief names; it is not
 * confirmed by a real capture. */
export function orderReadOnly(): DataverseError {
  return new DataverseError(400, '0x8004431a', 'Cannot perform the action because the record is read only.');
}

/** A state/status change the table's state model does not allow (SetState rules): InvalidArgument. */
export function invalidTransition(table: string, state: number, status: number): DataverseError {
  return new DataverseError(
    400,
    '0x80040203',
    `${status} is not a valid status code for state code ${table}State.${state} on ${table}.`,
  );
}

/** Setting an order's state to Canceled, Fulfilled or Invoiced by an update: the message Dynamics answers (quoted in
 * the Dynamics community thread on canceling orders, community.dynamics.com ca69ae04-...); code InvalidArgument. */
export function stateNeedsMessage(table: string, stateName: string, request: string): DataverseError {
  return new DataverseError(
    400,
    '0x80040203',
    `This message can not be used to set the state of ${table} to ${stateName}. In order to set state of ${table} to ${stateName}, use the ${request} Request message instead.`,
  );
}

/** A method the path does not support. */
export function methodNotAllowed(method: string): DataverseError {
  return new DataverseError(405, '0x80060888', `The HTTP method '${method}' is not allowed for this resource.`);
}
