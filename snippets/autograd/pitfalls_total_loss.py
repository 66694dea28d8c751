import torch

torch.manual_seed(0)


def count_nodes(fn):  # (1)!
    seen, todo = set(), [fn]
    while todo:
        node = todo.pop()
        if node is not None and node not in seen:
            seen.add(node)
            todo.extend(next_fn for next_fn, _ in node.next_functions)
    return len(seen)


w = torch.randn(3, requires_grad=True)
total = 0
previous = 0
for step in range(1, 31):
    x = torch.randn(3)
    loss = (w * x).sum() ** 2
    total += loss  # (2)!
    if step % 10 == 0:
        nodes = count_nodes(total.grad_fn)
        print(step, nodes, f"(+{nodes - previous})")
        previous = nodes
print(total)
