import type { ArtifactRef } from '../graph-engine';

/** A file picker that stores the chosen file and hands back its reference. */
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
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="nodrag"
        type="file"
        accept={accept}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) onStored(await storeFile(file));
        }}
      />
    </label>
  );
}
