import { Alert, Button, type ButtonProps, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, authHeaders } from '../api/client';
import { useProblemText } from './problems';

/**
 * A PDF of the service, fetched with the user's token and handed to the browser as a file: a plain
 * link cannot carry the Authorization header.
 */
export function PdfButton({
  path,
  filename,
  label,
  accessibleName,
  size = 'compact-sm',
}: {
  path: string;
  filename: string;
  label: string;
  accessibleName?: string;
  size?: ButtonProps['size'];
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const open = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const response = await fetch(path, {
        headers: { ...authHeaders(), Accept: 'application/pdf' },
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new ApiError(response.status, problem);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setFailure(t('common.pdfFailed', { message: problemText(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Button
        variant="light"
        size={size}
        loading={busy}
        onClick={() => void open()}
        aria-label={accessibleName}
      >
        {label}
      </Button>
      {failure && (
        <Alert color="red" role="alert" p="xs">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
