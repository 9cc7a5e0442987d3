import { memo, useEffect, useState } from 'react';
import type { ArtifactRef } from '../../graph-engine';
import type { ArtifactStore } from '../../graph-engine';
import { useServices } from './services-context';
import { downloadMedia } from '../state/export-media';

const EXTENSION: Record<string, string> = {
  'video/mp4': 'mp4',
  'audio/wav': 'wav',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

async function download(artifacts: ArtifactStore, artifact: ArtifactRef): Promise<void> {
  const blob = await artifacts.get(artifact.$artifact);
  if (blob)
    await downloadMedia(blob, `reelgraph-${artifact.$artifact.slice(0, 8)}.${EXTENSION[artifact.mime] ?? 'bin'}`);
}

/** An object URL for a stored artifact (none for no artifact), revoked when no longer shown. */
export function useArtifactUrl(artifact: ArtifactRef | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  const { artifacts } = useServices();
  const hash = artifact?.$artifact;
  useEffect(() => {
    let objectUrl: string | undefined;
    let cancelled = false;
    if (!hash) return;
    void artifacts.get(hash).then((blob) => {
      if (cancelled || !blob) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [hash, artifacts]);
  return hash ? url : undefined;
}

/** Stored media as a thumbnail: images as <img>, video as a looping muted player. */
export const Media = memo(function Media({
  artifact,
  alt,
  selected,
  onClick,
}: {
  artifact: ArtifactRef;
  alt: string;
  selected?: boolean;
  onClick?: () => void;
}) {
  const url = useArtifactUrl(artifact);
  const { artifacts } = useServices();
  const className = `media${selected ? ' selected' : ''}${onClick ? ' clickable nodrag' : ''}`;
  if (!url) return <div className={`${className} loading`} aria-label={alt} />;
  const content = artifact.mime.startsWith('video/') ? (
    <video src={url} controls loop playsInline aria-label={alt} />
  ) : artifact.mime.startsWith('audio/') ? (
    <audio src={url} controls aria-label={alt} />
  ) : (
    <>
      <img src={url} alt={alt} draggable={false} />
      {/* Drafts are labelled here and in their metadata, never in their pixels. */}
      {artifact.meta?.source === 'local-draft' && (
        <span className="media-tag" title="Drawn by rules from the prompt and seed on this machine: not an image model">
          local draft
        </span>
      )}
    </>
  );
  if (onClick) {
    return (
      <button type="button" className={className} onClick={onClick} aria-pressed={selected} title={alt}>
        {content}
      </button>
    );
  }
  const playable = artifact.mime.startsWith('video/') || artifact.mime.startsWith('audio/');
  // Stills download too: a PNG leaves with the graph that made it, in a text chunk.
  return (
    <div className={`${className}${playable ? ' playable' : ''}`}>
      {content}
      {(playable || artifact.mime === 'image/png') && (
        <button type="button" className="download nodrag" onClick={() => void download(artifacts, artifact)}>
          Download
        </button>
      )}
    </div>
  );
});
