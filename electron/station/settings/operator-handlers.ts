// Operators: the people at the bench. The current one is written on every audit entry (ctx.actor()).
// A PIN only keeps a colleague from switching by accident — it is not a security boundary.
import { randomUUID } from 'node:crypto'
import { StationError } from '../../../shared/errors'
import type { StationContext } from '../context'
import type { Handlers } from '../dispatch'
import { hashPin, pinMatches } from './pin'
import { settingsView } from './view'

type OperatorMethods = 'operators.add' | 'operators.update' | 'operators.remove' | 'operators.switch'

export function operatorHandlers(ctx: StationContext): Pick<Handlers, OperatorMethods> {
  const doc = ctx.settings
  const changed = () => ctx.events.emit('settings.changed', { part: 'operators' })

  const find = (id: string) => {
    const found = doc.data.operators.find((o) => o.id === id)
    if (!found) {
      throw new StationError({ code: 'not_found', message: `No operator with id "${id}".`, key: 'settings:operators.errors.unknown', field: 'id' })
    }
    return found
  }
  const refuseDuplicate = (name: string, exceptId?: string) => {
    if (doc.data.operators.some((o) => o.id !== exceptId && o.name.toLowerCase() === name.toLowerCase())) {
      throw new StationError({
        code: 'conflict',
        message: `There is already an operator named "${name}". Add a surname or a number.`,
        key: 'settings:operators.errors.duplicate',
        params: { name },
        field: 'name',
      })
    }
  }

  return {
    'operators.add': async ({ name, pin, makeCurrent }) => {
      refuseDuplicate(name)
      const operator = { id: randomUUID(), name, pinHash: pin ? await hashPin(pin) : null }
      await doc.update((d) => {
        d.operators.push(operator)
        if (makeCurrent || d.currentOperatorId === null) d.currentOperatorId = operator.id
      })
      await ctx.audit.append({ ...ctx.actor(), action: 'operator.add', details: { name, withPin: pin !== undefined } })
      changed()
      return settingsView(doc.data)
    },

    'operators.update': async ({ id, name, pin }) => {
      const operator = find(id)
      if (name !== undefined) refuseDuplicate(name, id)
      const pinHash = pin === undefined ? operator.pinHash : pin === null ? null : await hashPin(pin)
      await doc.update(() => {
        if (name !== undefined) operator.name = name
        operator.pinHash = pinHash
      })
      await ctx.audit.append({ ...ctx.actor(), action: 'operator.update', details: { id, renamed: name !== undefined, pinChanged: pin !== undefined } })
      changed()
      return settingsView(doc.data)
    },

    'operators.remove': async ({ id }) => {
      const operator = find(id)
      await doc.update((d) => {
        d.operators = d.operators.filter((o) => o.id !== id)
        if (d.currentOperatorId === id) d.currentOperatorId = null
      })
      await ctx.audit.append({ ...ctx.actor(), action: 'operator.remove', details: { name: operator.name } })
      changed()
      return settingsView(doc.data)
    },

    'operators.switch': async ({ id, pin }) => {
      const operator = find(id)
      if (operator.pinHash && !(pin !== undefined && (await pinMatches(pin, operator.pinHash)))) {
        throw new StationError({
          code: 'invalid_args',
          message: pin === undefined ? `${operator.name} has a PIN: enter it to switch.` : `Wrong PIN for ${operator.name}.`,
          key: pin === undefined ? 'settings:operators.errors.pinNeeded' : 'settings:operators.errors.wrongPin',
          params: { name: operator.name },
          field: 'pin',
        })
      }
      const from = ctx.actor().operator
      if (doc.data.currentOperatorId !== id) {
        await doc.update((d) => {
          d.currentOperatorId = id
        })
        await ctx.audit.append({ ...ctx.actor(), action: 'operator.switch', details: { from } })
        changed()
      }
      return settingsView(doc.data)
    },
  }
}
