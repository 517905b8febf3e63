package io.ringline.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value parsed by a small recursive-descent parser, enough to check the tools' output: objects, arrays,
 * strings (with escapes), numbers, booleans and null. Fails on anything else, so malformed output fails the test.
 */
final class Json
{
    private final Object value;

    private Json(final Object value)
    {
        this.value = value;
    }

    static Json parse(final String text)
    {
        final Parser parser = new Parser(text);
        final Object value = parser.value();
        parser.skipSpace();
        if (parser.at < text.length())
        {
            throw new IllegalArgumentException("trailing text at " + parser.at + ": " + text);
        }
        return new Json(value);
    }

    Json get(final String name)
    {
        @SuppressWarnings("unchecked") final Map<String, Object> map = (Map<String, Object>)value;
        if (!map.containsKey(name))
        {
            throw new AssertionError("no field '" + name + "' in " + map.keySet());
        }
        return new Json(map.get(name));
    }

    java.util.Set<String> fields()
    {
        @SuppressWarnings("unchecked") final Map<String, Object> map = (Map<String, Object>)value;
        return map.keySet();
    }

    List<Json> list()
    {
        final List<Json> items = new ArrayList<>();
        for (final Object item : (List<?>)value)
        {
            items.add(new Json(item));
        }
        return items;
    }

    long asLong()
    {
        return ((Number)value).longValue();
    }

    double asDouble()
    {
        return ((Number)value).doubleValue();
    }

    String asString()
    {
        return (String)value;
    }

    boolean asBoolean()
    {
        return (Boolean)value;
    }

    boolean isNull()
    {
        return null == value;
    }

    @Override
    public String toString()
    {
        return String.valueOf(value);
    }

    private static final class Parser
    {
        private final String text;
        private int at;

        Parser(final String text)
        {
            this.text = text;
        }

        Object value()
        {
            skipSpace();
            final char c = text.charAt(at);
            switch (c)
            {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object()
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (text.charAt(at) == '}')
            {
                at++;
                return map;
            }
            while (true)
            {
                skipSpace();
                final String name = string();
                skipSpace();
                expect(':');
                if (map.put(name, value()) != null)
                {
                    throw new IllegalArgumentException("duplicate field " + name);
                }
                skipSpace();
                if (text.charAt(at) == ',')
                {
                    at++;
                    continue;
                }
                expect('}');
                return map;
            }
        }

        private List<Object> array()
        {
            final List<Object> list = new ArrayList<>();
            at++;
            skipSpace();
            if (text.charAt(at) == ']')
            {
                at++;
                return list;
            }
            while (true)
            {
                list.add(value());
                skipSpace();
                if (text.charAt(at) == ',')
                {
                    at++;
                    continue;
                }
                expect(']');
                return list;
            }
        }

        private String string()
        {
            expect('"');
            final StringBuilder out = new StringBuilder();
            while (text.charAt(at) != '"')
            {
                char c = text.charAt(at++);
                if (c == '\\')
                {
                    c = text.charAt(at++);
                    switch (c)
                    {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'u' ->
                        {
                            out.append((char)Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(c);
                    }
                }
                else
                {
                    out.append(c);
                }
            }
            at++;
            return out.toString();
        }

        private Number number()
        {
            final int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0)
            {
                at++;
            }
            final String number = text.substring(start, at);
            if (number.isEmpty())
            {
                throw new IllegalArgumentException("unexpected '" + text.charAt(at) + "' at " + at + ": " + text);
            }
            return number.contains(".") || number.contains("e") || number.contains("E") ?
                (Number)Double.parseDouble(number) : (Number)Long.parseLong(number);
        }

        private Object literal(final String word, final Object result)
        {
            if (!text.startsWith(word, at))
            {
                throw new IllegalArgumentException("expected " + word + " at " + at + ": " + text);
            }
            at += word.length();
            return result;
        }

        private void expect(final char c)
        {
            if (text.charAt(at) != c)
            {
                throw new IllegalArgumentException("expected '" + c + "' at " + at + ": " + text);
            }
            at++;
        }

        void skipSpace()
        {
            while (at < text.length() && Character.isWhitespace(text.charAt(at)))
            {
                at++;
            }
        }
    }
}
