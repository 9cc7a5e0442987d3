import { useState } from 'react';
import type { ArtifactRef } from '../graph-engine';

/**
 * Stores a file the person gave (checked as it arrives), saying what to tell them, the file named:
 * why it was refused, or that it was converted. Every way in (the picker, a field, a drop) says it alike.
 */
export async function storeGivenFile(
  file: File,
  storeFile: (file: Blob) => Promise<ArtifactRef>,
): Promise<{ stored: ArtifactRef; note?: string } | { problem: string }> {
  try {
    const stored = await storeFile(file);
    const from = stored.meta?.convertedFrom;
    const scaled = stored.meta?.scaledFrom;
    if (typeof from === 'string')
      return { stored, note: `${file.name}: converted from ${from} to PNG, which every model takes.` };
    if (typeof scaled === 'string')
      return {
        stored,
        note: `${file.name}: scaled down from ${scaled} to ${String(stored.meta?.width)}×${String(stored.meta?.height)} pixels, the most a photo is kept at.`,
      };
    return { stored };
  } catch (error) {
    return { problem: `${file.name}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A file picker that stores the chosen file (checked as it arrives) and hands back its reference, or says why not. */
export function FileField({
  label,
  accept,
  onStored,
  storeFile,
}: {
  label: string;
  accept: string;
  onStored(file: ArtifactRef): void;
  storeFile(file: Blob): Promise<ArtifactRef>;
}) {
  const [problem, setProblem] = useState<string>();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="nodrag"
        type="file"
        accept={accept}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          const result = await storeGivenFile(file, storeFile);
          if ('stored' in result) onStored(result.stored);
          setProblem('problem' in result ? result.problem : undefined);
        }}
      />
      {problem && (
        <em className="field-error" role="alert">
          {problem}
        </em>
      )}
    </label>
  );
}
