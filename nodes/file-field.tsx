import { useState } from 'react';
import type { ArtifactRef } from '../graph-engine';

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
          try {
            onStored(await storeFile(file));
            setProblem(undefined);
          } catch (error) {
            setProblem(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
          }
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
