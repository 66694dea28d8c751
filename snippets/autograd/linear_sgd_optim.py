import torch

torch.manual_seed(0)

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]


def train(update):
    w = torch.tensor([1.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.01)
    path = []
    for epoch in range(100):
        for x, y in zip(xs, ys):
            opt.zero_grad()  # (1)!
            ((x * w - y) ** 2).backward()
            if update == "sgd":
                opt.step()
            else:
                with torch.no_grad():
                    if update == "sub":
                        w -= 0.01 * w.grad
                    else:
                        w.add_(w.grad, alpha=-0.01)  # (2)!
            path.append(w.item())
    return torch.tensor(path)


sgd, sub, add = train("sgd"), train("sub"), train("add")
steps = (sgd.view(torch.int32) - sub.view(torch.int32)).abs().max()  # (3)!
print("final w equal:", torch.equal(sgd[-1], sub[-1]))
print("w -= lr * grad path: at most 1 float32 step from SGD:", steps.item() <= 1)
print(f"add_(alpha=-lr) path equal over all {len(add)} steps:", torch.equal(sgd, add))
