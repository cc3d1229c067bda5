import type { Command, Event } from '../shared/message.js';

/** A secondary unit of the school (二级单位), e.g. 管理学院. Stream: unit-<id>. */
export type UnitRegistered = Event<'UnitRegistered', { unitId: string; name: string; contacts: string[] }>;
/** Only the fields that changed are present. */
export type UnitUpdated = Event<'UnitUpdated', { unitId: string; name?: string; contacts?: string[] }>;
export type UnitEvent = UnitRegistered | UnitUpdated;

export type RegisterUnit = Command<
  'RegisterUnit',
  { unitId: string; name: string; contacts?: string[] | null }
>;
export type UpdateUnit = Command<
  'UpdateUnit',
  { unitId: string; name?: string | null; contacts?: string[] | null }
>;
export type UnitCommand = RegisterUnit | UpdateUnit;
