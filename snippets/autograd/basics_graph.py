import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
print(z)
print(out)


def walk(node, depth=0):  # (1)!
    print("  " * depth + type(node).__name__)
    for child, _ in node.next_functions:
        if child is not None:  # (2)!
            walk(child, depth + 1)


walk(out.grad_fn)
yy = z.grad_fn.next_functions[0][0]  # (3)!
print("both edges of y * y lead to y.grad_fn:", all(n is y.grad_fn for n, _ in yy.next_functions))
print("z.mean(dim=0):", z.mean(dim=0).grad_fn.name())
