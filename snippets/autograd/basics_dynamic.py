import torch

torch.manual_seed(0)


def f(x):
    y, muls = x * 2, 1
    while y.norm() < 100:  # (1)!
        y, muls = y * 2, muls + 1
    return y.sum(), muls


for value in (0.5, 20.0):
    x = torch.tensor([value, value], requires_grad=True)
    out, muls = f(x)  # (2)!
    out.backward()
    print(f"x = {value}: {muls} multiplications ran, x.grad = {x.grad.tolist()}, 2**{muls} = {2**muls}")  # (3)!
