"""A float-kernel version of Kokoro's int8 model: the same quantized values, run by float Conv and MatMul.

The int8 export is dynamically quantized: 87 ConvInteger and 148 MatMulInteger nodes, each
fed by a DynamicQuantizeLinear. onnxruntime's integer convolution is far slower on CPU than its
float one, so each integer node is replaced by its float twin over the same integers
((activation - zero point) x (weight - zero point), rounded back to int32): what follows
(bias, scales) is untouched and the result is the int8 model's, to float rounding.
"""

from __future__ import annotations

_INTEGER_OPS = {"ConvInteger": "Conv", "MatMulInteger": "MatMul"}


def float_kernels(model_bytes: bytes) -> bytes:
    """The int8 Kokoro model with its integer Conv/MatMul nodes run as float ones (needs the `onnx` package).

    The weights stay int8 in the file: a Cast and a Sub turn them into centered floats, which
    onnxruntime folds into constants once, when the session is made.
    """
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load_from_string(model_bytes)
    graph = model.graph
    initializers = {tensor.name for tensor in graph.initializer}
    nodes: list = []
    for node in graph.node:
        if node.op_type not in _INTEGER_OPS or node.input[1] not in initializers:
            nodes.append(node)
            continue
        activation, weight, activation_zero, weight_zero = [*node.input, "", "", ""][:4]
        name = node.output[0]
        nodes.extend(_centered(helper, TensorProto, activation, activation_zero, f"{name}/a", None))
        nodes.extend(_centered(helper, TensorProto, weight, weight_zero, f"{name}/w", node.op_type))
        operation = helper.make_node(
            _INTEGER_OPS[node.op_type], [f"{name}/a", f"{name}/w"], [f"{name}/y"], name=f"{node.name}/float"
        )
        operation.attribute.extend(node.attribute)
        nodes.append(operation)
        nodes.append(helper.make_node("Round", [f"{name}/y"], [f"{name}/r"]))
        nodes.append(helper.make_node("Cast", [f"{name}/r"], [name], to=TensorProto.INT32))
    del graph.node[:]
    graph.node.extend(nodes)
    return model.SerializeToString()


def _centered(helper, tensor_proto, values: str, zero: str, output: str, op: str | None) -> list:
    """Nodes computing float(values) - float(zero) into `output` (a Conv weight's zero points per output channel)."""
    if not zero:
        return [helper.make_node("Cast", [values], [output], to=tensor_proto.FLOAT)]
    nodes = [helper.make_node("Cast", [values], [f"{output}/f"], to=tensor_proto.FLOAT)]
    nodes.append(helper.make_node("Cast", [zero], [f"{output}/z"], to=tensor_proto.FLOAT))
    if op == "ConvInteger":
        # One zero point per output channel (or one for all): shaped [M, 1, 1] to broadcast over [M, C, k].
        shape = helper.make_tensor(f"{output}/shape", tensor_proto.INT64, [3], [-1, 1, 1])
        nodes.append(helper.make_node("Constant", [], [f"{output}/s"], value=shape))
        nodes.append(helper.make_node("Reshape", [f"{output}/z", f"{output}/s"], [f"{output}/zr"]))
        nodes.append(helper.make_node("Sub", [f"{output}/f", f"{output}/zr"], [output]))
    else:
        nodes.append(helper.make_node("Sub", [f"{output}/f", f"{output}/z"], [output]))
    return nodes
