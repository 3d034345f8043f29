import { afterEach } from 'vitest'
import { cleanup, configure } from '@testing-library/react'

// Screens render against a real station (sandbox, files): on a busy 2-core CI machine an answer can take more
// than testing-library's default 1 s, which would fail a correct screen. Waits still end as soon as they pass.
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => cleanup())
