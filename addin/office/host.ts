/**
 * The task pane's only contact with Office.js besides render/office: start-up, the workbook's
 * settings (saved mapping profiles travel with the workbook) and opening a new workbook.
 */

const PROFILES_SETTING = 'practiceWorkbench.profiles';

export interface HostInfo {
  readonly host: string;
  readonly platform: string;
}

/** Resolves when Office.js is ready in Excel. */
export async function officeReady(): Promise<HostInfo> {
  const info = await Office.onReady();
  return { host: String(info.host ?? 'unknown'), platform: String(info.platform ?? 'unknown') };
}

type SavedProfiles = Record<string, Record<string, unknown>>;

/** File name → user profile saved in this workbook. */
export function savedProfiles(): SavedProfiles {
  const value: unknown = Office.context.document.settings.get(PROFILES_SETTING);
  return typeof value === 'object' && value !== null ? { ...(value as SavedProfiles) } : {};
}

/** Saves a user profile for a file name in the workbook's settings (kept in the file). */
export async function saveProfile(fileName: string, profile: Record<string, unknown>): Promise<void> {
  const all = savedProfiles();
  all[fileName] = profile;
  Office.context.document.settings.set(PROFILES_SETTING, all);
  await new Promise<void>((resolve, reject) => {
    Office.context.document.settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
      else reject(new Error(result.error?.message ?? 'the workbook settings could not be saved'));
    });
  });
}

/** Opens a new Excel workbook from .xlsx bytes (ExcelApi 1.8); false when this Excel cannot. */
export async function openWorkbook(bytes: Uint8Array): Promise<boolean> {
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.8')) return false;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  await Excel.createWorkbook(btoa(binary));
  return true;
}
