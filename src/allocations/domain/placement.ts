/** A device as a gateway names it, and the active allocation holding it, if any. */
export interface DevicePlacement {
  deviceId: string;
  serialNumber: string;
  deviceJurisdiction: string;
  holder: {
    allocationId: string;
    caseId: string;
    jurisdiction: string;
    caseReference: string;
    /** The level of the case's latest submitted assessment (after any override), if assessed. */
    dangerLevel: string | null;
  } | null;
}
